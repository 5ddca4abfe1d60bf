using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring;

/// <summary>CloudWatch's limits and checks for metrics, shared by the store and the /aws endpoint.</summary>
public static class MetricRules
{
    public const PortalRole Write = PortalRole.Analyst;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxDataPerPut = 1000;
    public const int MaxDimensions = 30;
    public const int MaxQueries = 500;
    public const int MaxPointsPerCall = 100_800;
    public const int MaxPerPage = 500;

    /// <summary>High-resolution periods CloudWatch accepts besides multiples of 60.</summary>
    public static IReadOnlySet<int> HighResolutionPeriods { get; } = new HashSet<int> { 1, 5, 10, 30 };

    public static IReadOnlySet<string> Stats { get; } = new HashSet<string>(StringComparer.Ordinal) { "Sum", "Average", "Minimum", "Maximum", "SampleCount" };

    public static IReadOnlySet<string> Units { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits",
        "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
        "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    };

    /// <summary>Dimensions sorted by name (ordinal), as JSON: the one spelling of an identity, so equal identities are equal rows.</summary>
    public static string CanonicalDimensions(IReadOnlyList<MetricDimension> dimensions) =>
        JsonSerializer.Serialize(dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new[] { d.Name, d.Value }));

    public static MetricIdentity Canonical(MetricIdentity metric) =>
        metric with { Dimensions = (metric.Dimensions ?? []).OrderBy(d => d.Name, StringComparer.Ordinal).ToList() };

    public static void ValidateIdentity(MetricIdentity metric)
    {
        CheckText(metric.Namespace, 255, "Namespace");
        CheckText(metric.MetricName, 255, "MetricName");
        var dimensions = metric.Dimensions ?? [];
        if (dimensions.Count > MaxDimensions)
        {
            throw new InvalidInputException($"Metric {metric.MetricName} has {dimensions.Count} dimensions; at most {MaxDimensions}.");
        }

        foreach (var dimension in dimensions)
        {
            CheckText(dimension.Name, 255, "Dimension name");
            CheckText(dimension.Value, 1024, $"Dimension {dimension.Name}'s value");
        }

        if (dimensions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != dimensions.Count)
        {
            throw new InvalidInputException($"Metric {metric.MetricName} names a dimension twice.");
        }
    }

    /// <summary>One PutMetricData call: 1 to <see cref="MaxDataPerPut"/> data, each valid.</summary>
    public static void ValidatePut(IReadOnlyList<MetricDatum> data)
    {
        if (data.Count is 0 or > MaxDataPerPut)
        {
            throw new InvalidInputException($"PutMetricData takes 1–{MaxDataPerPut} data points, not {data.Count}.");
        }

        foreach (var datum in data)
        {
            ValidateDatum(datum);
        }
    }

    public static void ValidateDatum(MetricDatum datum)
    {
        ValidateIdentity(datum.Metric);
        if (!double.IsFinite(datum.Value))
        {
            throw new InvalidInputException($"Metric {datum.Metric.MetricName} has value {datum.Value}; CloudWatch takes finite numbers only.");
        }

        if (!Units.Contains(datum.Unit ?? ""))
        {
            throw new InvalidInputException($"Metric {datum.Metric.MetricName} has unit '{datum.Unit}', which is not a CloudWatch unit.");
        }
    }

    public static void ValidateQueries(IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end)
    {
        if (queries.Count is 0 or > MaxQueries)
        {
            throw new InvalidInputException($"GetMetricData takes 1–{MaxQueries} queries, not {queries.Count}.");
        }

        if (end <= start)
        {
            throw new InvalidInputException($"The end time {end:O} is not after the start time {start:O}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            if (query.Id is not { Length: > 0 and <= 255 } id || !char.IsAsciiLetterLower(id[0]) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new InvalidInputException($"Query id '{query.Id}' is not valid: it starts with a lowercase letter and holds letters, digits and underscores.");
            }

            if (!ids.Add(id))
            {
                throw new InvalidInputException($"Query id '{id}' is used twice.");
            }

            if (query.PeriodSeconds <= 0 || (query.PeriodSeconds % 60 != 0 && !HighResolutionPeriods.Contains(query.PeriodSeconds)))
            {
                throw new InvalidInputException($"Query {id}: period {query.PeriodSeconds} s is not valid: use 1, 5, 10, 30 or a multiple of 60.");
            }

            if (!Stats.Contains(query.Stat ?? ""))
            {
                throw new InvalidInputException($"Query {id}: stat '{query.Stat}' is not one of {string.Join(", ", Stats)}.");
            }

            if (query.Unit is not null && !Units.Contains(query.Unit))
            {
                throw new InvalidInputException($"Query {id}: unit '{query.Unit}' is not a CloudWatch unit.");
            }

            ValidateIdentity(query.Metric);
        }
    }

    private static void CheckText(string? text, int max, string what)
    {
        if (string.IsNullOrEmpty(text) || text.Length > max || text.Any(char.IsControl))
        {
            throw new InvalidInputException($"{what} '{text}' is not valid: 1–{max} characters without control characters.");
        }
    }
}
