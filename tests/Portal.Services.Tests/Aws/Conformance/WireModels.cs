using System.Text.Json;
using Lakeport.Services.Aws;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>One service's official model: its shapes and each operation's input and output shape.</summary>
public sealed class WireModel
{
    private readonly JsonElement _operations;

    private WireModel(AwsService service, JsonElement root)
    {
        Service = service;
        _operations = root.GetProperty("operations");
        Shapes = new ShapeValidator(root.GetProperty("shapes"));
        Operations = _operations.EnumerateObject().Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
    }

    public AwsService Service { get; }

    public ShapeValidator Shapes { get; }

    public IReadOnlySet<string> Operations { get; }

    /// <summary>The botocore data folder of each service Lakeport's JSON clients speak.</summary>
    public static string Folder(AwsService service) => service.SigningName == "monitoring" ? "cloudwatch" : service.SigningName;

    /// <summary>The four models, from the botocore of this machine's Python (the test fails, saying so, without it).</summary>
    public static async Task<IReadOnlyDictionary<AwsService, WireModel>> LoadAllAsync()
    {
        var models = new Dictionary<AwsService, WireModel>();
        foreach (var service in AwsService.All)
        {
            using var document = await BotocoreModels.LoadAsync(Folder(service));
            models[service] = new WireModel(service, document.RootElement.Clone());
        }

        return models;
    }

    public string? InputShape(string operation) => Shape(operation, "input");

    public string? OutputShape(string operation) => Shape(operation, "output");

    private string? Shape(string operation, string direction) =>
        _operations.GetProperty(operation).TryGetProperty(direction, out var reference) ? reference.GetProperty("shape").GetString() : null;
}
