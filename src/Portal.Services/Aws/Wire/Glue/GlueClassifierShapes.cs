namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's classifier model and operations on the wire.

[AwsShape("glue", "GrokClassifier")]
public sealed class GlueGrokClassifier
{
    public string? Name { get; init; }

    public string? Classification { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public long? Version { get; init; }

    public string? GrokPattern { get; init; }

    public string? CustomPatterns { get; init; }
}

[AwsShape("glue", "XMLClassifier")]
public sealed class GlueXmlClassifier
{
    public string? Name { get; init; }

    public string? Classification { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public long? Version { get; init; }

    public string? RowTag { get; init; }
}

[AwsShape("glue", "JsonClassifier")]
public sealed class GlueJsonClassifier
{
    public string? Name { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public long? Version { get; init; }

    public string? JsonPath { get; init; }
}

[AwsShape("glue", "CsvClassifier")]
public sealed class GlueCsvClassifier
{
    public string? Name { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public long? Version { get; init; }

    public string? Delimiter { get; init; }

    public string? QuoteSymbol { get; init; }

    public string? ContainsHeader { get; init; }

    public List<string>? Header { get; init; }

    public bool? DisableValueTrimming { get; init; }

    public bool? AllowSingleColumn { get; init; }

    public bool? CustomDatatypeConfigured { get; init; }

    public List<string>? CustomDatatypes { get; init; }

    public string? Serde { get; init; }
}

[AwsShape("glue", "Classifier")]
public sealed class GlueClassifier
{
    public GlueGrokClassifier? GrokClassifier { get; init; }

    public GlueXmlClassifier? XMLClassifier { get; init; }

    public GlueJsonClassifier? JsonClassifier { get; init; }

    public GlueCsvClassifier? CsvClassifier { get; init; }
}

[AwsShape("glue", "CreateGrokClassifierRequest")]
public sealed class CreateGrokClassifierRequest
{
    public string? Classification { get; init; }

    public string? Name { get; init; }

    public string? GrokPattern { get; init; }

    public string? CustomPatterns { get; init; }
}

[AwsShape("glue", "CreateXMLClassifierRequest")]
public sealed class CreateXmlClassifierRequest
{
    public string? Classification { get; init; }

    public string? Name { get; init; }

    public string? RowTag { get; init; }
}

[AwsShape("glue", "CreateJsonClassifierRequest")]
public sealed class CreateJsonClassifierRequest
{
    public string? Name { get; init; }

    public string? JsonPath { get; init; }
}

[AwsShape("glue", "CreateCsvClassifierRequest")]
public sealed class CreateCsvClassifierRequest
{
    public string? Name { get; init; }

    public string? Delimiter { get; init; }

    public string? QuoteSymbol { get; init; }

    public string? ContainsHeader { get; init; }

    public List<string>? Header { get; init; }

    public bool? DisableValueTrimming { get; init; }

    public bool? AllowSingleColumn { get; init; }

    public bool? CustomDatatypeConfigured { get; init; }

    public List<string>? CustomDatatypes { get; init; }

    public string? Serde { get; init; }
}

[AwsShape("glue", "CreateClassifierRequest")]
public sealed class CreateClassifierRequest
{
    public CreateGrokClassifierRequest? GrokClassifier { get; init; }

    public CreateXmlClassifierRequest? XMLClassifier { get; init; }

    public CreateJsonClassifierRequest? JsonClassifier { get; init; }

    public CreateCsvClassifierRequest? CsvClassifier { get; init; }
}

[AwsShape("glue", "CreateClassifierResponse")]
public sealed class CreateClassifierResponse;

[AwsShape("glue", "UpdateGrokClassifierRequest")]
public sealed class UpdateGrokClassifierRequest
{
    public string? Name { get; init; }

    public string? Classification { get; init; }

    public string? GrokPattern { get; init; }

    public string? CustomPatterns { get; init; }
}

[AwsShape("glue", "UpdateXMLClassifierRequest")]
public sealed class UpdateXmlClassifierRequest
{
    public string? Name { get; init; }

    public string? Classification { get; init; }

    public string? RowTag { get; init; }
}

[AwsShape("glue", "UpdateJsonClassifierRequest")]
public sealed class UpdateJsonClassifierRequest
{
    public string? Name { get; init; }

    public string? JsonPath { get; init; }
}

[AwsShape("glue", "UpdateCsvClassifierRequest")]
public sealed class UpdateCsvClassifierRequest
{
    public string? Name { get; init; }

    public string? Delimiter { get; init; }

    public string? QuoteSymbol { get; init; }

    public string? ContainsHeader { get; init; }

    public List<string>? Header { get; init; }

    public bool? DisableValueTrimming { get; init; }

    public bool? AllowSingleColumn { get; init; }

    public bool? CustomDatatypeConfigured { get; init; }

    public List<string>? CustomDatatypes { get; init; }

    public string? Serde { get; init; }
}

[AwsShape("glue", "UpdateClassifierRequest")]
public sealed class UpdateClassifierRequest
{
    public UpdateGrokClassifierRequest? GrokClassifier { get; init; }

    public UpdateXmlClassifierRequest? XMLClassifier { get; init; }

    public UpdateJsonClassifierRequest? JsonClassifier { get; init; }

    public UpdateCsvClassifierRequest? CsvClassifier { get; init; }
}

[AwsShape("glue", "UpdateClassifierResponse")]
public sealed class UpdateClassifierResponse;

[AwsShape("glue", "GetClassifierRequest")]
public sealed class GetClassifierRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "GetClassifierResponse")]
public sealed class GetClassifierResponse
{
    public GlueClassifier? Classifier { get; init; }
}

[AwsShape("glue", "GetClassifiersRequest")]
public sealed class GetClassifiersRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "GetClassifiersResponse")]
public sealed class GetClassifiersResponse
{
    public List<GlueClassifier>? Classifiers { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "DeleteClassifierRequest")]
public sealed class DeleteClassifierRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteClassifierResponse")]
public sealed class DeleteClassifierResponse;
