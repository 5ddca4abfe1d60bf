using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lakeport.Services.Aws.Wire;

/// <summary>
/// JSON settings of the AWS JSON 1.0/1.1 protocols: member names exactly as in the service model, nulls omitted,
/// timestamps as epoch seconds.
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>AWS JSON timestamps are epoch seconds, possibly fractional (REFERENCE §9).</summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000))
                : throw new JsonException("Timestamps are epoch seconds.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
    }
}

/// <summary>Names the shape in the service's API model this type mirrors; the conformance tests check it against botocore's model.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AwsShapeAttribute(string service, string shape) : Attribute
{
    /// <summary>The botocore data folder name: <c>glue</c>, <c>athena</c>, <c>logs</c>, <c>cloudwatch</c>.</summary>
    public string Service { get; } = service;

    public string Shape { get; } = shape;
}

/// <summary>The error body of the AWS JSON protocols.</summary>
public sealed class AwsErrorBody
{
    [JsonPropertyName("__type")]
    public required string Type { get; init; }

    public required string Message { get; init; }

    /// <summary>A service's own error members beside the message (Athena's <c>AthenaErrorCode</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Members { get; init; }
}
