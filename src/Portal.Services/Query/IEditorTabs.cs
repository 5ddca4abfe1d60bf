using Lakeport.Services.Security;

namespace Lakeport.Services.Query;

/// <summary>The workbench's open editor tabs of each user, kept across sessions (saved as the user edits).</summary>
public interface IEditorTabs
{
    /// <summary>The caller's tabs in order; empty for a first visit.</summary>
    Task<IReadOnlyList<EditorTab>> LoadAsync(Caller caller, CancellationToken cancellationToken);

    /// <summary>Replaces the caller's tabs with these, in this order.</summary>
    Task SaveAsync(Caller caller, IReadOnlyList<EditorTab> tabs, CancellationToken cancellationToken);
}

/// <param name="Active">The tab in front; at most one is.</param>
public sealed record EditorTab(string Title, string Sql, string? Database, bool Active);

public static class EditorTabRules
{
    public const PortalRole Use = QueryRules.Read;
    public const int MaxTabs = 30;
    public const int MaxTitleLength = 128;
}
