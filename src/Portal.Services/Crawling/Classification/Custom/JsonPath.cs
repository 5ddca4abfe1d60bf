using System.Globalization;
using System.Text.Json;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>
/// The subset of JsonPath Glue's JSON classifiers take: <c>$</c>, then child steps <c>.name</c> or <c>['name']</c>,
/// wildcards <c>.*</c> or <c>[*]</c>, and indexes <c>[n]</c> — e.g. <c>$[*]</c>, <c>$.a.b</c>, <c>$.a[*].b</c>.
/// </summary>
public sealed class JsonPath
{
    private readonly IReadOnlyList<Step> _steps;

    private JsonPath(string text, IReadOnlyList<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>True when the path starts by taking every element of a top-level array (each element a row).</summary>
    public bool StartsWithArrayWildcard => _steps is [{ Kind: StepKind.Wildcard }, ..];

    /// <summary>The path without its first step, for evaluating it on the elements of a top-level array one at a time.</summary>
    public JsonPath Rest => new(Text, _steps.Skip(1).ToList());

    public static JsonPath Parse(string? text)
    {
        var path = (text ?? "").Trim();
        if (!path.StartsWith('$'))
        {
            throw Invalid(path, "it must start with $");
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                var name = path[start..i];
                steps.Add(name switch
                {
                    "" => throw Invalid(path, $"an empty name at position {start}"),
                    "*" => new Step(StepKind.Wildcard, null, 0),
                    _ when name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$' or '@') => new Step(StepKind.Child, name, 0),
                    _ => throw Invalid(path, $"'{name}' is not a plain name; write ['{name}']"),
                });
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw Invalid(path, $"the [ at position {i} is not closed");
                }

                steps.Add(Bracket(path, path[(i + 1)..end].Trim()));
                i = end + 1;
            }
            else
            {
                throw Invalid(path, $"unexpected '{path[i]}' at position {i}");
            }
        }

        return new JsonPath(path, steps);
    }

    /// <summary>Every value the path selects in <paramref name="root"/>, in document order.</summary>
    public IEnumerable<JsonElement> Select(JsonElement root)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(step.Apply);
        }

        return current;
    }

    private static Step Bracket(string path, string inside) => inside switch
    {
        "*" => new Step(StepKind.Wildcard, null, 0),
        _ when inside.Length > 2 && inside[0] is ('\'' or '"') && inside[^1] == inside[0] => new Step(StepKind.Child, inside[1..^1], 0),
        _ when int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new Step(StepKind.Index, null, index),
        _ => throw Invalid(path, $"[{inside}] is not [*], [n] or ['name'] (filters and slices are not supported)"),
    };

    private static InvalidInputException Invalid(string path, string why) => new($"JsonPath '{path}' is not valid: {why}.");

    private enum StepKind
    {
        Child,
        Wildcard,
        Index,
    }

    private sealed record Step(StepKind Kind, string? Name, int Index)
    {
        public IEnumerable<JsonElement> Apply(JsonElement value) => (Kind, value.ValueKind) switch
        {
            (StepKind.Child, JsonValueKind.Object) when value.TryGetProperty(Name!, out var child) => [child],
            (StepKind.Wildcard, JsonValueKind.Array) => value.EnumerateArray(),
            (StepKind.Wildcard, JsonValueKind.Object) => value.EnumerateObject().Select(p => p.Value),
            (StepKind.Index, JsonValueKind.Array) when Index < value.GetArrayLength() => [value[Index]],
            _ => [],
        };
    }
}
