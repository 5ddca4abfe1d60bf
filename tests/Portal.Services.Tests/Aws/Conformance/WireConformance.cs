using System.Text.Json;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>Checks recorded exchanges against the official models: every request in full, every answer's members it has.</summary>
public static class WireConformance
{
    /// <param name="scriptedTargets">Answers written by the tests themselves, checked as strictly as requests (no unknown members).</param>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<Lakeport.Services.Aws.AwsService, WireModel> models, IEnumerable<WireExchange> exchanges,
        IEnumerable<string> scriptedTargets)
    {
        var scripted = scriptedTargets.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var exchange in exchanges)
        {
            var model = models[exchange.Service];
            var where = $"{exchange.Service.Name} {exchange.Operation}";
            if (!model.Operations.Contains(exchange.Operation))
            {
                problems.Add($"{where}: the model has no such operation.");
                continue;
            }

            problems.AddRange(Check(model, model.InputShape(exchange.Operation), exchange.RequestBody, $"{where} request", lenient: false));
            if (exchange.Status is >= 200 and < 300)
            {
                var strict = scripted.Contains($"{exchange.Service.TargetPrefix}.{exchange.Operation}");
                problems.AddRange(Check(model, model.OutputShape(exchange.Operation), exchange.ResponseBody, $"{where} response", lenient: !strict));
            }
        }

        return problems;
    }

    private static IEnumerable<string> Check(WireModel model, string? shape, string body, string where, bool lenient)
    {
        if (shape is null)
        {
            return body.Trim() is "" or "{}" ? [] : [$"{where}: the operation has no members, yet the body is {body}."];
        }

        if (body.Length == 0)
        {
            // An answer without members may come without a body; a request always has one.
            return where.EndsWith("response", StringComparison.Ordinal) ? [] : [$"{where}: no body."];
        }

        using var document = JsonDocument.Parse(body);
        return model.Shapes.Validate(document.RootElement, shape, $"{where} ({shape})", lenient);
    }
}
