using Lakeport.Services.Query;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>One editor tab of the workbench: its text, its parameters and its last run.</summary>
public sealed class WorkbenchTab(string title, string sql, string? database)
{
    public string Key { get; } = Guid.NewGuid().ToString("N");

    public string Title { get; set; } = title;

    public string Sql { get; set; } = sql;

    public string? Database { get; set; } = database;

    public List<ParameterValue> Parameters { get; } = [];

    public QueryExecution? Execution { get; set; }

    /// <summary>The last run was <c>EXPLAIN</c> of the text: its result is a plan, shown as text.</summary>
    public bool IsExplain { get; set; }

    /// <summary>A refusal before the engine ran anything (bad input, a denied statement).</summary>
    public string? StartError { get; set; }

    /// <summary>Where the text that ran starts in the editor (a selection may start mid-line), to place error markers.</summary>
    public (int Line, int Column) Origin { get; set; } = (1, 1);

    public bool IsRunning => Execution is { IsFinished: false };

    /// <summary>Keeps one input per <c>?</c> placeholder, keeping values already typed.</summary>
    public void SyncParameters()
    {
        var count = SqlParameters.Count(Sql);
        if (Parameters.Count > count)
        {
            Parameters.RemoveRange(count, Parameters.Count - count);
        }

        while (Parameters.Count < count)
        {
            Parameters.Add(new ParameterValue());
        }
    }

    public EditorTab ToStored(bool active) => new(Title, Sql, Database, active);
}
