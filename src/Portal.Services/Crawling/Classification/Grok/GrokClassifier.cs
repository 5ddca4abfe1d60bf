using System.Text.RegularExpressions;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification.Grok;

/// <summary>
/// A grok classifier, custom or one of Glue's built-in log formats: every sampled line must match the pattern; the
/// columns are its named captures. SerDe GrokSerDe with the pattern as <c>input.format</c>.
/// </summary>
public sealed class GrokClassifier : IClassifier
{
    public const int MaxRecords = 1000;

    private readonly GrokExpression _expression;
    private readonly string _classification;
    private readonly string _pattern;
    private readonly string? _customPatterns;

    public GrokClassifier(string name, string classification, string grokPattern, string? customPatterns)
    {
        Name = name;
        _classification = classification;
        _pattern = grokPattern;
        _customPatterns = string.IsNullOrWhiteSpace(customPatterns) ? null : customPatterns;
        _expression = GrokCompiler.Compile(grokPattern, customPatterns);
    }

    /// <summary>Glue's built-in combined Apache access log classifier.</summary>
    public static GrokClassifier CombinedApache() => new("combined_apache", "combined_apache", "^%{COMBINEDAPACHELOG}$", null);

    /// <summary>Glue's built-in (common) Apache access log classifier.</summary>
    public static GrokClassifier Apache() => new("apache", "apache", "^%{COMMONAPACHELOG}$", null);

    public string Name { get; }

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample, cancellationToken));

    private ClassificationResult? Classify(FileSample sample, CancellationToken cancellationToken)
    {
        if (!TextSample.TryDecode(sample, out var text))
        {
            return null;
        }

        var lines = text.Split('\n');
        var complete = sample.IsTruncated ? lines.SkipLast(1) : lines;
        var records = 0;
        foreach (var line in complete.Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(MaxRecords))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!_expression.Regex.IsMatch(line))
                {
                    return null;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw new UnreadableFileException(
                    $"{sample.Path}: the grok pattern of classifier {Name} took longer than {GrokCompiler.MatchTimeout.TotalMilliseconds:N0} ms on line {records + 1}; the file was not classified by it.");
            }

            records++;
        }

        return records == 0 ? null : Result(records);
    }

    /// <summary>Whether one line matches the pattern; a timeout counts as a match (the caller then proves nothing from it).</summary>
    internal bool MatchesOrTimesOut(string line)
    {
        try
        {
            return _expression.Regex.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private ClassificationResult Result(int records)
    {
        var columns = _expression.Fields.Select(f => new CatalogColumn(f.Name, f.HiveType)).ToList();
        var serdeParameters = new Dictionary<string, string> { ["input.format"] = _pattern };
        if (_customPatterns is not null)
        {
            serdeParameters["input.grokCustomPatterns"] = _customPatterns;
        }

        var parameters = new Dictionary<string, string> { ["classification"] = _classification, ["typeOfData"] = "file" };
        return new ClassificationResult(_classification, 1.0, columns, new SerDeInfo(null, HiveFormats.GrokSerDe, serdeParameters),
            HiveFormats.TextInput, HiveFormats.TextOutput, parameters, records);
    }
}
