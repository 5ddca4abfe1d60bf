using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.JSInterop;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>A suggestion for the editor: <paramref name="Kind"/> names a Monaco CompletionItemKind.</summary>
public sealed record CompletionSuggestion(string Label, string Kind, string? Detail);

/// <summary>
/// Answers the editor's completion requests from the catalog, on the server and bounded: one page of databases,
/// tables or columns per request, never the whole catalog.
/// </summary>
public sealed class SqlCompletion(ICatalog catalog, Caller caller, Func<string?> defaultDatabase)
{
    public const int MaxSuggestions = 100;

    /// <param name="qualifier">The dotted name before the word being typed (<c>sales</c> in <c>sales.or</c>), or empty.</param>
    [JSInvokable]
    public async Task<IReadOnlyList<CompletionSuggestion>> Complete(string qualifier)
    {
        try
        {
            var parts = qualifier.Split('.', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length switch
            {
                0 => [.. await DatabasesAsync(), .. defaultDatabase() is { } database ? await TablesAsync(database) : []],
                1 => await TablesAsync(parts[0]) is { Count: > 0 } tables ? tables
                    : defaultDatabase() is { } current ? await ColumnsAsync(current, parts[0]) : [],
                _ => await ColumnsAsync(parts[^2], parts[^1]),
            };
        }
        catch (PortalException)
        {
            // An unknown name while typing is normal: no suggestions, no error.
            return [];
        }
    }

    private async Task<IReadOnlyList<CompletionSuggestion>> DatabasesAsync()
    {
        var page = await catalog.GetDatabasesAsync(caller, new PageRequest(null, MaxSuggestions), CancellationToken.None);
        return [.. page.Items.Select(d => new CompletionSuggestion(d.Name, "Module", "database"))];
    }

    private async Task<IReadOnlyList<CompletionSuggestion>> TablesAsync(string database)
    {
        var page = await catalog.GetTablesAsync(caller, Unquote(database), null, new PageRequest(null, MaxSuggestions), CancellationToken.None);
        return [.. page.Items.Select(t => new CompletionSuggestion(t.Name, "Struct", $"table in {t.DatabaseName}"))];
    }

    private async Task<IReadOnlyList<CompletionSuggestion>> ColumnsAsync(string database, string table)
    {
        var found = await catalog.GetTableAsync(caller, Unquote(database), Unquote(table), CancellationToken.None);
        return
        [
            .. found.Definition.StorageDescriptor.Columns.Concat(found.Definition.PartitionKeys)
                .Take(MaxSuggestions)
                .Select(c => new CompletionSuggestion(c.Name, "Field", c.Type)),
        ];
    }

    private static string Unquote(string name) => name.Trim('"').ToLowerInvariant();
}
