using System.Text;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Editor tabs in the state database, replaced whole on each save (a handful of rows in one transaction). Not audited:
/// they are the user's scratch pad, saved every few keystrokes.
/// </summary>
public sealed class SqliteEditorTabs(SqliteDatabase database) : IEditorTabs
{
    public async Task<IReadOnlyList<EditorTab>> LoadAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(EditorTabRules.Use, "use the query workbench");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT title AS Title, sql AS Sql, database_name AS DatabaseName, active AS Active FROM editor_tabs WHERE user_name = @User ORDER BY position",
            new { User = caller.UserName }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new EditorTab(r.Title, r.Sql, r.DatabaseName, r.Active != 0))];
    }

    public async Task SaveAsync(Caller caller, IReadOnlyList<EditorTab> tabs, CancellationToken cancellationToken)
    {
        caller.Require(EditorTabRules.Use, "use the query workbench");
        Validate(tabs);
        var active = tabs.Select((t, i) => (t, i)).LastOrDefault(p => p.t.Active).i;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM editor_tabs WHERE user_name = @User", new { User = caller.UserName }, transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < tabs.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO editor_tabs (user_name, position, title, sql, database_name, active) VALUES (@User, @Position, @Title, @Sql, @Database, @Active)",
                new { User = caller.UserName, Position = i, tabs[i].Title, tabs[i].Sql, tabs[i].Database, Active = i == active },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void Validate(IReadOnlyList<EditorTab> tabs)
    {
        if (tabs.Count > EditorTabRules.MaxTabs)
        {
            throw new InvalidInputException($"At most {EditorTabRules.MaxTabs} editor tabs can be kept open.");
        }

        foreach (var tab in tabs)
        {
            if (tab.Title.Length is 0 or > EditorTabRules.MaxTitleLength)
            {
                throw new InvalidInputException($"A tab title has 1–{EditorTabRules.MaxTitleLength} characters.");
            }

            if (Encoding.UTF8.GetByteCount(tab.Sql) > QueryRules.MaxSqlBytes)
            {
                throw new InvalidInputException($"The SQL in tab '{tab.Title}' is longer than {QueryRules.MaxSqlBytes} bytes.");
            }
        }
    }

    private sealed record Row(string Title, string Sql, string? DatabaseName, long Active);
}
