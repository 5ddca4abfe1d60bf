namespace Lakeport.Services.Mapping;

/// <summary>
/// Import and export of mappings: the whole definition as JSON, and the column rules as CSV (one row per rule:
/// source_path, source_type, target_name, target_type, drop). Parsing refuses malformed input with
/// <see cref="Common.InvalidInputException"/> naming the line or property; it never returns a half-read mapping.
/// </summary>
public interface IMappingExchange
{
    string ToJson(MappingDefinition definition);

    MappingDefinition FromJson(string json);

    string RulesToCsv(IReadOnlyList<ColumnRule> rules);

    IReadOnlyList<ColumnRule> RulesFromCsv(string csv);
}
