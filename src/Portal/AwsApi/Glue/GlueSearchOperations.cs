using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's SearchTables over <see cref="ICatalog.SearchTablesAsync"/>: text search ranked by where it matched, filters on names.</summary>
public static class GlueSearchOperations
{
    public static AwsOperationRegistry AddGlueSearchOperations(this AwsOperationRegistry registry) => registry
        .Add<SearchTablesRequest, SearchTablesResponse>(AwsService.Glue, "SearchTables", CatalogRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, TableSearchRules.MaxResultsPerPage);
            if (request.SortCriteria is { Count: > 0 })
            {
                throw new InvalidInputException("Lakeport's SearchTables returns tables by relevance (then database and name) and does not take SortCriteria.");
            }

            // Lakeport has no tables shared from other accounts.
            if (request.ResourceShareType == "FOREIGN")
            {
                return new SearchTablesResponse { TableList = [] };
            }

            var query = new TableSearchQuery(request.SearchText, Filters: (request.Filters ?? []).Select(ToFilter).ToList());
            var page = await call.Services.GetRequiredService<ICatalog>().SearchTablesAsync(call.Caller, query,
                new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new SearchTablesResponse { TableList = page.Items.Select(h => h.Table.ToWire()).ToList(), NextToken = page.NextToken };
        });

    /// <summary>
    /// Names are compared exactly (Glue matches punctuation-separated tokens of a name: UNVERIFIED how it splits on
    /// underscores, so Lakeport does not guess); other keys are refused rather than ignored.
    /// </summary>
    private static TableSearchFilter ToFilter(GluePropertyPredicate predicate)
    {
        var field = predicate.Key switch
        {
            "DatabaseName" => TableSearchField.DatabaseName,
            "Name" => TableSearchField.Name,
            _ => throw new InvalidInputException($"Lakeport's SearchTables filters on DatabaseName and Name only, not on '{predicate.Key}'."),
        };
        var comparator = predicate.Comparator is null ? SearchComparator.EQUALS
            : Enum.GetNames<SearchComparator>().Contains(predicate.Comparator, StringComparer.Ordinal) ? Enum.Parse<SearchComparator>(predicate.Comparator)
            : throw AwsApiException.Validation("filters.member.comparator",
                "Member must satisfy enum value set: [EQUALS, GREATER_THAN, LESS_THAN, GREATER_THAN_EQUALS, LESS_THAN_EQUALS]", predicate.Comparator);
        return new TableSearchFilter(field, comparator, predicate.Value ?? throw AwsApiException.Required("filters.member.value"));
    }
}
