using Lakeport.Services.Query;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

public sealed partial class Workbench
{
    private async Task RunAsync(bool explain)
    {
        if (_caller is null || _active is not { IsRunning: false } tab)
        {
            return;
        }

        var selection = _editor is null ? null : await _editor.GetSelectionAsync();
        var text = selection?.Text ?? tab.Sql;
        if (string.IsNullOrWhiteSpace(text))
        {
            tab.StartError = "There is no SQL to run.";
            return;
        }

        const string ExplainPrefix = "EXPLAIN ";
        tab.Origin = selection is { } s ? (s.Line, s.Column) : (1, 1);
        if (explain)
        {
            tab.Origin = (tab.Origin.Line, tab.Origin.Column - ExplainPrefix.Length);
        }

        tab.StartError = null;
        tab.Execution = null;
        tab.IsExplain = explain;
        await MarkErrorAsync(tab);

        IReadOnlyList<string>? parameters = null;
        var placeholders = SqlParameters.Count(text);
        if (placeholders > 0
            && !await Ui.RunAsync(() =>
            {
                parameters = SqlParameters.ToLiterals([.. tab.Parameters.Take(placeholders)]);
                return Task.CompletedTask;
            }, onFailure: m => tab.StartError = m))
        {
            return;
        }

        if (parameters is not null && parameters.Count < placeholders)
        {
            tab.StartError = $"The SQL has {placeholders} ? placeholders but only {parameters.Count} values.";
            return;
        }

        await SubmitAsync(tab, new QueryRequest(explain ? ExplainPrefix + text : text, tab.Database, parameters, ClientRequestToken: Guid.NewGuid().ToString()));
    }

    /// <summary>Starts the run; a statement that needs a confirmation asks for it and, confirmed, goes again with it.</summary>
    private async Task SubmitAsync(WorkbenchTab tab, QueryRequest request)
    {
        var caller = _caller!;
        while (true)
        {
            ConfirmationRequiredException? confirmation = null;
            var started = await Ui.RunAsync(async () =>
            {
                try
                {
                    return await Engine.StartAsync(caller, request, _closing.Token);
                }
                catch (ConfirmationRequiredException ex)
                {
                    confirmation = ex;
                    return null;
                }
            }, onFailure: m => tab.StartError = m);

            if (started is not null)
            {
                tab.Execution = started;
                await WatchAsync(tab, started.Id);
                return;
            }

            if (confirmation is null)
            {
                return;
            }

            var title = confirmation.Kind == ConfirmationKind.Destructive ? "Confirm a destructive statement" : "Confirm a large scan";
            var yes = await Dialogs.ShowMessageBoxAsync(title, confirmation.Message, yesText: "Run anyway", cancelText: "Cancel");
            if (yes != true)
            {
                return;
            }

            request = confirmation.Kind == ConfirmationKind.Destructive
                ? request with { ConfirmedDestructive = true, ClientRequestToken = Guid.NewGuid().ToString() }
                : request with { ConfirmedLargeScan = true, ClientRequestToken = Guid.NewGuid().ToString() };
        }
    }

    /// <summary>
    /// Waits for the execution to finish, a tick at a time so the elapsed time moves on; the local engine ends a wait
    /// the moment the statement does, so a short query's result shows without a poll's delay.
    /// </summary>
    private async Task WatchAsync(WorkbenchTab tab, string id)
    {
        var caller = _caller!;
        while (tab.Execution is { IsFinished: false } current && current.Id == id)
        {
            _now = Clock.GetUtcNow();
            StateHasChanged();
            QueryExecution? latest = null;
            await Ui.RunAsync(async () =>
            {
                try
                {
                    latest = await Engine.WaitAsync(caller, id, TickInterval, _closing.Token);
                }
                catch (OperationCanceledException) when (_closing.IsCancellationRequested)
                {
                    // The page closed: nothing to say.
                }
            });
            if (latest is null)
            {
                return;
            }

            if (tab.Execution?.Id == id)
            {
                tab.Execution = latest;
            }
        }

        _now = Clock.GetUtcNow();
        _runs++;
        if (tab == _active)
        {
            await MarkErrorAsync(tab);
        }
    }

    private async Task CancelAsync()
    {
        if (_caller is { } caller && _active?.Execution is { IsFinished: false } running)
        {
            await Ui.RunAsync(() => Engine.StopAsync(caller, running.Id, CancellationToken.None), "Cancelling the query.");
        }
    }

    /// <summary>Marks the failed run's error in the editor, shifted to where the text that ran starts.</summary>
    private async Task MarkErrorAsync(WorkbenchTab tab)
    {
        if (_editor is null)
        {
            return;
        }

        if (ErrorOf(tab) is { Line: { } line } error)
        {
            var column = error.Column is { } c ? (line == 1 ? tab.Origin.Column + c - 1 : c) : (int?)null;
            await _editor.MarkErrorAsync(tab.Origin.Line + line - 1, column is { } col ? Math.Max(col, 1) : null, QueryFormat.ErrorMessage(error));
        }
        else
        {
            await _editor.MarkErrorAsync(null, null, null);
        }
    }
}
