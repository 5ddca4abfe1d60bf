using Lakeport.Services.Scheduling;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Lakeport.Portal.Components.Shared;

/// <summary>
/// Edits a trigger schedule. The text goes to the parent on every keystroke; the preview (parse, describe, next fires)
/// follows after a short pause so typing stays smooth, and a newer keystroke cancels the pending one.
/// </summary>
public sealed partial class ScheduleEditor : IDisposable
{
    public static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(300);

    private static readonly (string Title, string Expression)[] Examples =
    [
        ("Every day at 12:15", "cron(15 12 * * ? *)"),
        ("Every 15 min, 08–17, weekdays", "cron(0/15 8-17 ? * MON-FRI *)"),
        ("Last day of the month", "cron(0 0 L * ? *)"),
        ("Third Monday", "cron(0 9 ? * 2#3 *)"),
        ("Every 2 hours", "rate(2 hours)"),
    ];

    private static readonly (string Field, string Values, string Special)[] Syntax =
    [
        ("Minutes", "0–59", ", - * /"),
        ("Hours", "0–23", ", - * /"),
        ("Day-of-month", "1–31", ", - * ? / L W"),
        ("Month", "1–12 or JAN–DEC", ", - * /"),
        ("Day-of-week", "1–7 or SUN–SAT", ", - * ? / L #"),
        ("Year", "1970–2199", ", - * /"),
    ];

    private CancellationTokenSource? _pending;
    private string _text = "";
    private SchedulePreview? _preview;
    private TimeZoneInfo? _zone;

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    [Parameter]
    public string Label { get; set; } = "Schedule";

    protected override void OnParametersSet()
    {
        if ((Value ?? "") != _text)
        {
            _text = Value ?? "";
            _preview = _text.Length == 0 ? null : SchedulePreview.For(_text, Clock.GetUtcNow());
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            var zone = await JS.InvokeAsync<string?>("lakeportTime.zone");
            if (zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.Id != TimeZoneInfo.Utc.Id)
            {
                _zone = found;
                StateHasChanged();
            }
        }
        catch (JSException)
        {
            // The local column is a convenience: without the browser's zone the UTC times alone are shown.
        }
    }

    private string? Validate(string text) =>
        SchedulePreview.For(text, Clock.GetUtcNow()) is { IsValid: false, Field: { } field } ? $"Check {field}: see the message below." : null;

    private async Task OnTextChanged(string text)
    {
        _text = text ?? "";
        await ValueChanged.InvokeAsync(_text);
        if (_pending is not null)
        {
            await _pending.CancelAsync();
            _pending.Dispose();
        }

        _pending = new CancellationTokenSource();
        await PreviewLaterAsync(_text, _pending.Token);
    }

    private async Task PreviewLaterAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DebounceDelay, Clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _preview = SchedulePreview.For(text, Clock.GetUtcNow());
        StateHasChanged();
    }

    private static string FieldStyle(bool fault) => fault
        ? "border: 2px solid var(--mud-palette-error); background: var(--mud-palette-error-lighten);"
        : "border: 1px solid var(--mud-palette-lines-default);";

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
    }
}
