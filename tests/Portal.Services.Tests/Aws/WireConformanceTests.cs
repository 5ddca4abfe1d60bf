using System.Reflection;
using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.Glue;

namespace Lakeport.Services.Tests.Aws;

/// <summary>Every wire DTO matches its shape in botocore's official service model: names, types and required members.</summary>
public sealed class WireConformanceTests
{
    public static TheoryData<string, string> Shapes()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in WireTypes())
        {
            var shape = type.GetCustomAttribute<AwsShapeAttribute>()!;
            data.Add(shape.Service, type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task WireType_MatchesItsShapeInTheOfficialModel(string service, string typeName)
    {
        using var model = await BotocoreModels.LoadAsync(service);
        var shapes = model.RootElement.GetProperty("shapes");
        var type = WireTypes().Single(t => t.FullName == typeName);
        var shapeName = type.GetCustomAttribute<AwsShapeAttribute>()!.Shape;

        Assert.True(shapes.TryGetProperty(shapeName, out var shape), $"{service} has no shape {shapeName}.");
        Assert.Equal("structure", shape.GetProperty("type").GetString());
        var members = shape.GetProperty("members");
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            var name = WireName(property);
            Assert.True(members.TryGetProperty(name, out var member), $"{shapeName} has no member {name}.");
            var target = shapes.GetProperty(member.GetProperty("shape").GetString()!);
            AssertTypeMatches(shapes, target, property.PropertyType, $"{shapeName}.{name}");
        }

        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                Assert.True(properties.Any(p => WireName(p) == name), $"{type.Name} lacks {shapeName}'s required member {name}.");
            }
        }
    }

    [Fact]
    public void Timestamps_AreEpochSeconds_AndNullsAreOmitted()
    {
        var json = JsonSerializer.Serialize(new GlueDatabase { Name = "sales", CreateTime = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_500) }, AwsJson.Options);

        Assert.Equal("""{"Name":"sales","CreateTime":1764000000.5}""", json);
        Assert.Equal(1_764_000_000_500, JsonSerializer.Deserialize<GlueDatabase>(json, AwsJson.Options)!.CreateTime!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void ErrorBody_UsesTheDunderTypeKey()
    {
        Assert.Equal("""{"__type":"EntityNotFoundException","Message":"gone"}""",
            JsonSerializer.Serialize(new AwsErrorBody { Type = "EntityNotFoundException", Message = "gone" }, AwsJson.Options));
    }

    [Fact]
    public void ErrorBody_CarriesTheServicesOwnMembers_BesideTheMessage()
    {
        var body = new AwsErrorBody { Type = "InvalidRequestException", Message = "bad", Members = new Dictionary<string, object> { ["AthenaErrorCode"] = "INVALID_INPUT" } };

        Assert.Equal("""{"__type":"InvalidRequestException","Message":"bad","AthenaErrorCode":"INVALID_INPUT"}""", JsonSerializer.Serialize(body, AwsJson.Options));
    }

    /// <summary>The member name on the wire: Logs' camelCase members are named with JsonPropertyName, the rest are the property name.</summary>
    private static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? property.Name;

    private static IEnumerable<Type> WireTypes() =>
        typeof(AwsShapeAttribute).Assembly.GetTypes().Where(t => t.GetCustomAttribute<AwsShapeAttribute>() is not null);

    private static void AssertTypeMatches(JsonElement shapes, JsonElement target, Type clr, string where)
    {
        var kind = target.GetProperty("type").GetString();
        var bare = Nullable.GetUnderlyingType(clr) ?? clr;
        switch (kind)
        {
            case "string":
                Assert.True(bare == typeof(string), $"{where} is a string in the model, {clr.Name} here.");
                break;
            case "integer":
                Assert.True(bare == typeof(int), $"{where} is an integer in the model, {clr.Name} here.");
                break;
            case "long":
                Assert.True(bare == typeof(long), $"{where} is a long in the model, {clr.Name} here.");
                break;
            case "boolean":
                Assert.True(bare == typeof(bool), $"{where} is a boolean in the model, {clr.Name} here.");
                break;
            case "double":
                Assert.True(bare == typeof(double), $"{where} is a double in the model, {clr.Name} here.");
                break;
            case "timestamp":
                Assert.True(bare == typeof(DateTimeOffset), $"{where} is a timestamp in the model, {clr.Name} here.");
                break;
            case "map":
                Assert.True(bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(Dictionary<,>), $"{where} is a map in the model, {clr.Name} here.");
                AssertTypeMatches(shapes, shapes.GetProperty(target.GetProperty("key").GetProperty("shape").GetString()!), bare.GetGenericArguments()[0], $"{where} key");
                AssertTypeMatches(shapes, shapes.GetProperty(target.GetProperty("value").GetProperty("shape").GetString()!), bare.GetGenericArguments()[1], $"{where} value");
                break;
            case "list":
                Assert.True(bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(List<>), $"{where} is a list in the model, {clr.Name} here.");
                AssertTypeMatches(shapes, shapes.GetProperty(target.GetProperty("member").GetProperty("shape").GetString()!), bare.GetGenericArguments()[0], $"{where} member");
                break;
            case "structure":
                var shape = bare.GetCustomAttribute<AwsShapeAttribute>();
                Assert.True(shape is not null, $"{where} is a structure in the model; {clr.Name} is not an [AwsShape] type.");
                Assert.True(shapes.TryGetProperty(shape.Shape, out var declared) && declared.GetRawText() == target.GetRawText(),
                    $"{where} is a different structure in the model than {shape.Shape}.");
                break;
            default:
                Assert.Fail($"{where}: the model's type {kind} is not mapped by this test.");
                break;
        }
    }
}
