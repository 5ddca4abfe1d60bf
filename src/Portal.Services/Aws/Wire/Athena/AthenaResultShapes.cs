namespace Lakeport.Services.Aws.Wire.Athena;

// Athena's GetQueryResults on the wire.

[AwsShape("athena", "GetQueryResultsInput")]
public sealed class GetQueryResultsInput
{
    public string? QueryExecutionId { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public string? QueryResultType { get; init; }
}

/// <summary>One value; SQL NULL is a datum without <see cref="VarCharValue"/>.</summary>
[AwsShape("athena", "Datum")]
public sealed class AthenaDatum
{
    public string? VarCharValue { get; init; }
}

[AwsShape("athena", "Row")]
public sealed class AthenaRow
{
    public List<AthenaDatum>? Data { get; init; }
}

[AwsShape("athena", "ColumnInfo")]
public sealed class AthenaColumnInfo
{
    public string? CatalogName { get; init; }

    public string? SchemaName { get; init; }

    public string? TableName { get; init; }

    public required string Name { get; init; }

    public string? Label { get; init; }

    public required string Type { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    public string? Nullable { get; init; }

    public bool? CaseSensitive { get; init; }
}

[AwsShape("athena", "ResultSetMetadata")]
public sealed class AthenaResultSetMetadata
{
    public List<AthenaColumnInfo>? ColumnInfo { get; init; }
}

[AwsShape("athena", "ResultSet")]
public sealed class AthenaResultSet
{
    public List<AthenaRow>? Rows { get; init; }

    public AthenaResultSetMetadata? ResultSetMetadata { get; init; }
}

[AwsShape("athena", "GetQueryResultsOutput")]
public sealed class GetQueryResultsOutput
{
    public long? UpdateCount { get; init; }

    public AthenaResultSet? ResultSet { get; init; }

    public string? NextToken { get; init; }
}
