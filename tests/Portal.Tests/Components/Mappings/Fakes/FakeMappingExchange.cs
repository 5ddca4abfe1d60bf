using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Tests.Components.Mappings.Fakes;

/// <summary>JSON through System.Text.Json and a plain five-column CSV; malformed input is refused naming the line.</summary>
public sealed class FakeMappingExchange : IMappingExchange
{
    private const string Header = "source_path,source_type,target_name,target_type,drop";

    public string ToJson(MappingDefinition definition) => JsonSerializer.Serialize(definition);

    public MappingDefinition FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<MappingDefinition>(json) ?? throw new InvalidInputException("The JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"The mapping JSON is malformed: {ex.Message}");
        }
    }

    public string RulesToCsv(IReadOnlyList<ColumnRule> rules) =>
        string.Join("\n", rules.Select(r => $"{r.SourcePath},{r.SourceType},{r.TargetName},{r.TargetType},{(r.Drop ? "true" : "false")}").Prepend(Header));

    public IReadOnlyList<ColumnRule> RulesFromCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidInputException($"Line 1: expected the header {Header}.");
        }

        return lines.Skip(1).Select((line, i) => line.Split(',') is { Length: 5 } f && bool.TryParse(f[4], out var drop)
            ? new ColumnRule(f[0], f[1], f[2], f[3], drop)
            : throw new InvalidInputException($"Line {i + 2}: expected 5 fields.")).ToList();
    }
}
