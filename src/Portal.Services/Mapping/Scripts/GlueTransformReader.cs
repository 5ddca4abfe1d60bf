namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Reads <c>ApplyMapping.apply</c>, <c>ResolveChoice.apply</c> and <c>DropNullFields.apply</c>.</summary>
internal static class GlueTransformReader
{
    private static readonly string[] Ignorable = ["info", "stageThreshold", "totalThreshold"];

    public static ApplyMappingStep ApplyMapping(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "ApplyMapping", findings, "frame", "mappings", "case_sensitive", "transformation_ctx")
            .CheckUnknown(Ignorable);
        var frame = args.Frame();
        var rules = new List<ColumnRule>();
        var mappings = args.Get("mappings");
        if (mappings is not PyList { IsTuple: false } list)
        {
            findings.Unreadable(mappings is null
                ? $"The ApplyMapping at line {call.Line} has no mappings."
                : $"The mappings of the ApplyMapping at line {mappings.Line} are {GlueCallArguments.Describe(mappings)}, not a list Lakeport can read.");
            return new ApplyMappingStep(target, frame, call.Line, rules);
        }

        foreach (var item in list.Items)
        {
            if (item is not PyList { IsTuple: true, Items.Count: 4 } tuple)
            {
                findings.Unreadable($"A mapping at line {item.Line} is {GlueCallArguments.Describe(item)}, not a (source, source type, target, target type) tuple.");
                continue;
            }

            var parts = tuple.Items.Select(part => args.ReadString(part, "mapping tuple")).ToList();
            if (parts.All(part => part is not null))
            {
                rules.Add(new ColumnRule(parts[0]!, parts[1]!, parts[2]!, parts[3]!));
            }
        }

        return new ApplyMappingStep(target, frame, call.Line, rules);
    }

    public static ResolveChoiceStep ResolveChoice(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "ResolveChoice", findings, "frame", "specs", "choice", "database", "table_name", "transformation_ctx")
            .CheckUnknown(Ignorable);
        var frame = args.Frame();
        var choice = args.String("choice", required: false);
        var specsExpr = args.Get("specs");
        List<ResolveChoiceSpec>? specs = null;
        if (specsExpr is PyList { IsTuple: false } list)
        {
            specs = [];
            foreach (var item in list.Items)
            {
                if (item is PyList { IsTuple: true, Items.Count: 2 } pair
                    && args.ReadString(pair.Items[0], "spec path") is { } path && args.ReadString(pair.Items[1], "spec action") is { } action)
                {
                    specs.Add(new ResolveChoiceSpec(path, action));
                }
                else if (item is not PyList { IsTuple: true, Items.Count: 2 })
                {
                    findings.Unreadable($"A ResolveChoice spec at line {item.Line} is {GlueCallArguments.Describe(item)}, not a (path, action) tuple.");
                }
            }
        }
        else if (specsExpr is not null and not PyConst { Value: null })
        {
            findings.Unreadable($"The specs of the ResolveChoice at line {specsExpr.Line} are {GlueCallArguments.Describe(specsExpr)}, not a list.");
        }

        if (choice is null && specs is null)
        {
            findings.Unreadable($"The ResolveChoice at line {call.Line} has neither choice nor specs.");
        }

        return new ResolveChoiceStep(target, frame, call.Line, choice, choice is null ? specs : null);
    }

    public static DropNullFieldsStep DropNullFields(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "DropNullFields", findings, "frame", "transformation_ctx").CheckUnknown(Ignorable);
        return new DropNullFieldsStep(target, args.Frame(), call.Line);
    }
}
