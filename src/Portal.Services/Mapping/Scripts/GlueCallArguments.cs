namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Reads the literal arguments of one Glue call, collecting what is not literal as unreadable (the mapping cannot be
/// known) and any argument it does not model as not runnable (the mapping is known but Lakeport would ignore it).
/// </summary>
internal sealed class GlueCallArguments(PyCall call, string step, GlueScriptFindings findings, params string[] parameters)
{
    private readonly HashSet<string> _allowed = [.. parameters];

    public int Line => call.Line;

    /// <summary>Flags keyword arguments outside <paramref name="ignorable"/> and the declared parameters.</summary>
    public GlueCallArguments CheckUnknown(params string[] ignorable)
    {
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null)
            {
                findings.Unreadable($"The {step} at line {call.Line} passes **arguments that Lakeport cannot read.");
            }
            else if (!_allowed.Contains(keyword.Name) && !ignorable.Contains(keyword.Name, StringComparer.Ordinal))
            {
                findings.NotRunnable($"{step} option {keyword.Name}", keyword.Value.Line);
            }
        }

        if (call.Args.Count > parameters.Length)
        {
            findings.Unreadable($"The {step} at line {call.Line} has more arguments than Lakeport understands.");
        }

        return this;
    }

    public PyExpr? Get(string name)
    {
        var keyword = call.Keywords.FirstOrDefault(k => k.Name == name);
        if (keyword is not null)
        {
            return keyword.Value;
        }

        var index = Array.IndexOf(parameters, name);
        return index >= 0 && index < call.Args.Count ? call.Args[index] : null;
    }

    public string? String(string name, bool required = true) => ReadString(Get(name), name, required);

    public string? ReadString(PyExpr? expr, string name, bool required = true)
    {
        switch (expr)
        {
            case PyConst { Value: string value }:
                return value;
            case null when !required:
                return null;
            case null:
                findings.Unreadable($"The {step} at line {call.Line} has no {name}.");
                return null;
            default:
                findings.Unreadable($"The {name} of the {step} at line {expr.Line} is {Describe(expr)}, not a string Lakeport can read.");
                return null;
        }
    }

    public bool? Bool(PyExpr? expr, string name)
    {
        switch (expr)
        {
            case null:
                return null;
            case PyConst { Value: bool value }:
                return value;
            default:
                findings.Unreadable($"The {name} of the {step} at line {expr.Line} is {Describe(expr)}, not True or False.");
                return null;
        }
    }

    /// <summary>The frame variable a step reads.</summary>
    public string? Frame(string name = "frame")
    {
        var expr = Get(name);
        if (expr is PyName frame)
        {
            return frame.Name;
        }

        findings.Unreadable(expr is null
            ? $"The {step} at line {call.Line} has no {name}."
            : $"The {name} of the {step} at line {expr.Line} is {Describe(expr)}, not a frame variable.");
        return null;
    }

    public IReadOnlyList<string>? StringList(PyExpr? expr, string name)
    {
        if (expr is null)
        {
            return null;
        }

        if (expr is not PyList list)
        {
            findings.Unreadable($"The {name} of the {step} at line {expr.Line} is {Describe(expr)}, not a list Lakeport can read.");
            return null;
        }

        var values = list.Items.Select(item => ReadString(item, name)).ToList();
        return values.Any(value => value is null) ? null : values.Select(value => value!).ToList();
    }

    /// <summary>A dict with string keys; keys outside <paramref name="known"/> are not runnable.</summary>
    public Dictionary<string, PyExpr>? Dict(PyExpr? expr, string name, params string[] known)
    {
        if (expr is null)
        {
            return null;
        }

        if (expr is not PyDict dict)
        {
            findings.Unreadable($"The {name} of the {step} at line {expr.Line} is {Describe(expr)}, not a dict Lakeport can read.");
            return null;
        }

        var values = new Dictionary<string, PyExpr>(StringComparer.Ordinal);
        foreach (var (key, value) in dict.Items)
        {
            if (key is not PyConst { Value: string text })
            {
                findings.Unreadable($"A key of the {name} of the {step} at line {key.Line} is {Describe(key)}, not a string.");
                continue;
            }

            if (!known.Contains(text, StringComparer.Ordinal))
            {
                findings.NotRunnable($"{step} {name} \"{text}\"", key.Line);
            }

            values[text] = value;
        }

        return values;
    }

    public static string Describe(PyExpr expr) => expr switch
    {
        PyName name => $"the variable {name.Name}",
        PyConst { Value: null } => "None",
        PyConst { Value: bool } => "a boolean",
        PyConst { Value: PyNumber } => "a number",
        PyConst => "a string",
        PyCall call => call.Function.DottedName() is { } function ? $"a call to {function}" : "a call",
        PyAttribute attribute => attribute.DottedName() ?? "an attribute",
        PySubscript { Target: var target } => target.DottedName() is { } name ? $"a lookup in {name}" : "a lookup",
        PyList { IsTuple: true } => "a tuple",
        PyList => "a list",
        PyDict => "a dict",
        PyOther other => other.What,
        _ => "an expression",
    };
}
