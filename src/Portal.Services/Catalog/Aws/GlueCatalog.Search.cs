using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Aws;

/// <summary>Table search through Glue's SearchTables, and documentation edits through GetTable → UpdateTable.</summary>
public sealed partial class GlueCatalog
{
    /// <remarks>
    /// Glue decides which tables match and how its pages are cut (it also matches parameters and name tokens, and
    /// ranks by its own relevance). Lakeport ranks each page Glue returns by the interface's order (exact name, prefix,
    /// contains, column name, column comment, description, then database and name); a table Glue matched on
    /// something else ranks last as <see cref="TableMatch.Listed"/>. The ranking therefore holds within a page, not
    /// across pages, and Glue's NextToken is passed through unchanged. A database's tables without search text or
    /// filters (the database page) are listed with GetTables instead: SearchTables reads an index that Glue updates
    /// after the fact, so a table created a moment ago would be missing, and emulators such as moto lack it.
    /// </remarks>
    public async Task<Page<TableSearchHit>> SearchTablesAsync(Caller caller, TableSearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var text = TableSearchRules.NormalizeText(query.Text);
        if (text is null && query.Filters is not { Count: > 0 } && !string.IsNullOrWhiteSpace(query.DatabaseName))
        {
            var tables = await GetTablesAsync(caller, query.DatabaseName, null, page, cancellationToken);
            return new Page<TableSearchHit>([.. tables.Items.Select(t => new TableSearchHit(t, TableMatch.Listed, null))], tables.NextToken);
        }

        var filters = new List<TableSearchFilter>(query.Filters ?? []);
        if (!string.IsNullOrWhiteSpace(query.DatabaseName))
        {
            filters.Add(new TableSearchFilter(TableSearchField.DatabaseName, SearchComparator.EQUALS, Key(query.DatabaseName)));
        }

        var response = await glue.SendAsync<SearchTablesRequest, SearchTablesResponse>("SearchTables", new SearchTablesRequest
        {
            SearchText = text,
            Filters = filters.Count == 0 ? null : filters.Select(f => (f with { Value = Key(f.Value) }).ToWire()).ToList(),
            MaxResults = Math.Clamp(page.MaxResults ?? TableSearchRules.DefaultResultsPerPage, 1, TableSearchRules.MaxResultsPerPage),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);

        var hits = (response.TableList ?? [])
            .Select(t => t.ToDomain(t.DatabaseName ?? ""))
            .Select(t => (Table: t, Found: GlueCatalogReading.MatchOf(t, text)))
            .OrderBy(h => h.Found.Match).ThenBy(h => h.Table.DatabaseName, StringComparer.Ordinal).ThenBy(h => h.Table.Name, StringComparer.Ordinal)
            .Select(h => new TableSearchHit(h.Table, h.Found.Match, h.Found.Column))
            .ToList();
        return new Page<TableSearchHit>(hits, NullIfEmpty(response.NextToken));
    }

    public async Task<CatalogTable> UpdateTableDocumentationAsync(
        Caller caller, string databaseName, string tableName, TableDocumentation documentation, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.EditDocumentation, "edit table descriptions and column comments");
        var current = await GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var (edited, detail) = TableDocumentationRules.Apply(current, documentation);

        // Without an expected version, the one just read: an edit never silently overwrites a crawl that landed meanwhile.
        return await UpdateValidTableAsync(caller, current.DatabaseName, TableRules.Validate(edited), documentation.ExpectedVersionId ?? current.VersionId,
            skipArchive: false, "Catalog.EditTableDocumentation", detail, cancellationToken);
    }
}
