namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's SearchTables request and response.

[AwsShape("glue", "SearchTablesRequest")]
public sealed class SearchTablesRequest
{
    public string? CatalogId { get; init; }

    public string? NextToken { get; init; }

    public List<GluePropertyPredicate>? Filters { get; init; }

    public string? SearchText { get; init; }

    public List<GlueSortCriterion>? SortCriteria { get; init; }

    public int? MaxResults { get; init; }

    public string? ResourceShareType { get; init; }

    public bool? IncludeStatusDetails { get; init; }
}

[AwsShape("glue", "SearchTablesResponse")]
public sealed class SearchTablesResponse
{
    public string? NextToken { get; init; }

    public List<GlueTable>? TableList { get; init; }
}

[AwsShape("glue", "PropertyPredicate")]
public sealed class GluePropertyPredicate
{
    public string? Key { get; init; }

    public string? Value { get; init; }

    /// <summary>EQUALS, GREATER_THAN, LESS_THAN, GREATER_THAN_EQUALS or LESS_THAN_EQUALS.</summary>
    public string? Comparator { get; init; }
}

[AwsShape("glue", "SortCriterion")]
public sealed class GlueSortCriterion
{
    public string? FieldName { get; init; }

    /// <summary>ASC or DESC.</summary>
    public string? Sort { get; init; }
}
