namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Recognises the steps of a Glue PySpark script, statement by statement: the job set-up, one source, ApplyMapping,
/// optional ResolveChoice and DropNullFields, one S3 sink. Everything else is named, with its line, as not runnable.
/// </summary>
internal sealed class GlueScriptReader
{
    private static readonly string[] CompoundKeywords = ["def", "class", "for", "while", "if", "try", "with", "async", "match"];

    private static readonly (string Name, string What)[] KnownThings =
    [
        ("sparkSqlQuery", "a SQL Query node (sparkSqlQuery)"), ("sql", "Spark SQL"), ("udf", "a UDF"), ("Join", "Join"),
        ("Filter", "Filter"), ("Map", "Map"), ("FlatMap", "FlatMap"), ("SelectFields", "SelectFields"), ("DropFields", "DropFields"),
        ("RenameField", "RenameField"), ("Relationalize", "Relationalize"), ("SplitFields", "SplitFields"), ("SplitRows", "SplitRows"),
        ("Spigot", "Spigot"), ("Unbox", "Unbox"), ("Union", "Union"), ("DropDuplicates", "DropDuplicates"), ("fromDF", "DynamicFrame.fromDF"),
        ("toDF", "a Spark DataFrame (toDF)"), ("SelectFromCollection", "a custom transform"), ("write_dynamic_frame", "a second sink"),
        ("getSink", "a second sink"), ("create_dynamic_frame", "a second data source"),
    ];

    private readonly GlueScriptFindings _findings = new();
    private readonly List<SourceStep> _sources = [];
    private readonly List<GlueStep> _transforms = [];
    private readonly List<SinkStep> _sinks = [];
    private readonly Dictionary<string, SinkStep> _sinkVariables = new(StringComparer.Ordinal);
    private bool _inBlock;

    public ParsedGlueScript Read(IReadOnlyList<PyStatement> statements)
    {
        foreach (var statement in statements)
        {
            Read(statement);
        }

        return Assemble();
    }

    private void Read(PyStatement statement)
    {
        if (statement.Indented)
        {
            if (!_inBlock)
            {
                _findings.NotRunnable("an indented statement outside any block", statement.Line);
            }

            return;
        }

        _inBlock = false;
        switch (statement.Kind)
        {
            case PyStatementKind.Import:
                return;
            case PyStatementKind.Other:
                _inBlock = statement.Keyword is not null && (CompoundKeywords.Contains(statement.Keyword) || statement.Keyword == "@");
                _findings.NotRunnable(DescribeOther(statement), statement.Line);
                return;
            default:
                if (!ReadStep(statement.Target, statement.Value))
                {
                    _findings.NotRunnable(DescribeNames(statement.Names) ?? "custom Python code", statement.Line);
                }

                return;
        }
    }

    private static string DescribeOther(PyStatement statement) => statement.Keyword switch
    {
        "def" when statement.Names.Count > 1 && statement.Names[1] == "sparkSqlQuery" => "a SQL Query node (sparkSqlQuery)",
        "def" when statement.Names.Count > 1 => $"custom Python code (function {statement.Names[1]})",
        "class" when statement.Names.Count > 1 => $"custom Python code (class {statement.Names[1]})",
        "for" or "while" => $"a {statement.Keyword} loop",
        "@" when statement.Names.Contains("udf") => "a UDF",
        "@" => "a decorator",
        not null when CompoundKeywords.Contains(statement.Keyword) => $"custom Python code ({statement.Keyword} block)",
        _ => DescribeNames(statement.Names) ?? (statement.Keyword is null ? "custom Python code" : $"custom Python code ({statement.Keyword})"),
    };

    private static string? DescribeNames(IReadOnlyList<string> names) =>
        KnownThings.Where(known => names.Contains(known.Name)).Select(known => known.What).FirstOrDefault();

    /// <returns>False when the statement is not a step Lakeport models.</returns>
    private bool ReadStep(string? target, PyExpr? value)
    {
        if (value is PyAttribute attribute)
        {
            return attribute.DottedName()?.EndsWith(".spark_session", StringComparison.Ordinal) == true;
        }

        if (value is not PyCall call || call.Function.DottedName() is not { } function)
        {
            return false;
        }

        var lastDot = function.LastIndexOf('.');
        var method = function[(lastDot + 1)..];
        var owner = lastDot < 0 ? string.Empty : function[..lastDot];
        if (_sinkVariables.TryGetValue(owner, out var sink))
        {
            return GlueSinkReader.ReadSinkCall(sink, method, call, _findings);
        }

        if (function.EndsWith("create_dynamic_frame.from_catalog", StringComparison.Ordinal))
        {
            return Add(GlueSourceReader.Catalog(target, call, _findings));
        }

        if (function.EndsWith("create_dynamic_frame.from_options", StringComparison.Ordinal))
        {
            return Add(GlueSourceReader.S3(target, call, _findings));
        }

        if (function.EndsWith("write_dynamic_frame.from_options", StringComparison.Ordinal))
        {
            return Add(GlueSinkReader.FromOptions(target, call, _findings));
        }

        if (function.EndsWith(".getSink", StringComparison.Ordinal))
        {
            var created = GlueSinkReader.GetSink(target, call, _findings);
            if (target is not null)
            {
                _sinkVariables[target] = created;
            }

            return Add(created);
        }

        switch (function)
        {
            case "ApplyMapping.apply":
                return AddTransform(GlueTransformReader.ApplyMapping(target, call, _findings));
            case "ResolveChoice.apply":
                return AddTransform(GlueTransformReader.ResolveChoice(target, call, _findings));
            case "DropNullFields.apply":
                return AddTransform(GlueTransformReader.DropNullFields(target, call, _findings));
        }

        return IsJobSetUp(function, method);
    }

    private static bool IsJobSetUp(string function, string method) =>
        function is "getResolvedOptions" or "SparkContext" or "SparkContext.getOrCreate" or "GlueContext" or "Job"
        || method is "init" or "commit" or "get_logger" or "getResolvedOptions";

    private bool Add(SourceStep source)
    {
        _sources.Add(source);
        return true;
    }

    private bool Add(SinkStep sink)
    {
        _sinks.Add(sink);
        return true;
    }

    private bool AddTransform(GlueStep step)
    {
        _transforms.Add(step);
        return true;
    }

    private ParsedGlueScript Assemble()
    {
        var source = _sources.FirstOrDefault();
        var applyMapping = _transforms.OfType<ApplyMappingStep>().FirstOrDefault();
        var sink = _sinks.FirstOrDefault();
        if (source is null || applyMapping is null || sink is null)
        {
            var missing = new[] { source is null ? "data source" : null, applyMapping is null ? "ApplyMapping" : null, sink is null ? "S3 sink" : null }
                .Where(part => part is not null);
            _findings.Unreadable(
                $"Lakeport found no {string.Join(", no ", missing)} in the script; it reads scripts in the shape Glue generates (a source, ApplyMapping, an S3 target).");
            return new ParsedGlueScript(null, null, _findings.Reason());
        }

        CheckOneEach();
        CheckChain(source, sink);
        var format = sink.Format is null ? null : GlueFormats.FromWriterName(sink.Format);
        if (sink.Format is not null && format is null)
        {
            _findings.Unreadable($"The sink at line {sink.Line} writes format \"{sink.Format}\"; Lakeport writes Parquet, CSV and JSON.");
        }

        if (_findings.AnyUnreadable)
        {
            return new ParsedGlueScript(null, source.S3, _findings.Reason());
        }

        var targetFormat = format ?? TargetFormat.Parquet;
        var resolve = _transforms.OfType<ResolveChoiceStep>().FirstOrDefault();
        var options = new MappingOptions(resolve?.Choice, resolve?.Specs, _transforms.OfType<DropNullFieldsStep>().Any());
        var target = new MappingTarget(
            sink.UpdatesCatalog ? sink.Database : string.Empty,
            sink.UpdatesCatalog ? sink.Table : string.Empty,
            sink.Location,
            targetFormat,
            sink.Compression ?? GlueFormats.DefaultCompression(targetFormat),
            sink.PartitionKeys);
        var mapping = new MappingDefinition(string.Empty, null, source.Database, source.Table, target, applyMapping.Rules, options);
        return new ParsedGlueScript(mapping, source.S3, _findings.Reason());
    }

    private void CheckOneEach()
    {
        foreach (var extra in _sources.Skip(1))
        {
            _findings.NotRunnable("a second data source", extra.Line);
        }

        foreach (var extra in _sinks.Skip(1))
        {
            _findings.NotRunnable("a second sink", extra.Line);
        }

        foreach (var group in _transforms.GroupBy(step => step.GetType()).Where(group => group.Count() > 1))
        {
            var extra = group.ElementAt(1);
            _findings.NotRunnable($"a second {StepName(extra)}", extra.Line);
        }

        foreach (var pending in _sinks.Where(pending => !pending.Written))
        {
            _findings.Unreadable($"The sink at line {pending.Line} is never written (no writeFrame).");
        }
    }

    /// <summary>The steps must form one chain: source → ApplyMapping → (ResolveChoice, DropNullFields) → sink.</summary>
    private void CheckChain(SourceStep source, SinkStep sink)
    {
        var frame = source.Variable;
        foreach (var step in _transforms.OrderBy(step => step is ApplyMappingStep ? 0 : 1).ThenBy(step => step.Line))
        {
            if (step.Input != frame || frame is null)
            {
                _findings.NotRunnableSentence(
                    $"The {StepName(step)} at line {step.Line} reads {step.Input ?? "no frame"}, not the frame before it, which Lakeport cannot run locally; it still runs on AWS Glue.");
            }

            frame = step.Variable;
        }

        if (sink.Input != frame || frame is null)
        {
            _findings.NotRunnableSentence(
                $"The sink at line {sink.Line} writes {sink.Input ?? "no frame"}, not the frame before it, which Lakeport cannot run locally; it still runs on AWS Glue.");
        }
    }

    private static string StepName(GlueStep step) => step switch
    {
        ApplyMappingStep => "ApplyMapping",
        ResolveChoiceStep => "ResolveChoice",
        _ => "DropNullFields",
    };
}
