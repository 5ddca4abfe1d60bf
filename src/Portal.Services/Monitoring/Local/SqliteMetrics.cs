using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Local;

/// <summary>CloudWatch metrics in the state database: identities and raw points, aggregated per query at read time.</summary>
public sealed class SqliteMetrics(SqliteDatabase database) : IMetrics
{
    public async Task PutAsync(Caller caller, IReadOnlyList<MetricDatum> data, CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Write, "put metrics");
        MetricRules.ValidatePut(data);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new Dictionary<(string, string, string), long>();
        foreach (var datum in data)
        {
            var metric = MetricRules.Canonical(datum.Metric);
            var key = (metric.Namespace, metric.MetricName, MetricRules.CanonicalDimensions(metric.Dimensions));
            if (!ids.TryGetValue(key, out var id))
            {
                var identity = new { Namespace = key.Item1, Name = key.Item2, Dimensions = key.Item3 };
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO metrics (namespace, name, dimensions) VALUES (@Namespace, @Name, @Dimensions) ON CONFLICT DO NOTHING",
                    identity, transaction, cancellationToken: cancellationToken));
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT id FROM metrics WHERE namespace = @Namespace AND name = @Name AND dimensions = @Dimensions", identity, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO metric_dimensions (metric_id, name, value) VALUES (@Id, @Name, @Value) ON CONFLICT DO NOTHING",
                    metric.Dimensions.Select(d => new { Id = id, d.Name, d.Value }), transaction, cancellationToken: cancellationToken));
                ids[key] = id;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO metric_points (metric_id, timestamp, value, unit) VALUES (@Id, @At, @Value, @Unit)",
                new { Id = id, At = datum.Timestamp.ToUnixTimeMilliseconds(), datum.Value, datum.Unit }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MetricSeries>> GetDataAsync(Caller caller, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Read, "read metrics");
        MetricRules.ValidateQueries(queries, start, end);
        await using var connection = await database.OpenAsync(cancellationToken);
        var results = new List<MetricSeries>();
        var budget = MetricRules.MaxPointsPerCall;
        foreach (var query in queries)
        {
            var metric = MetricRules.Canonical(query.Metric);
            var label = query.Label ?? metric.MetricName;
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM metrics WHERE namespace = @Namespace AND name = @Name AND dimensions = @Dimensions",
                new { metric.Namespace, Name = metric.MetricName, Dimensions = MetricRules.CanonicalDimensions(metric.Dimensions) }, cancellationToken: cancellationToken));
            if (id is null)
            {
                results.Add(new MetricSeries(query.Id, label, [], [], "Complete"));
                continue;
            }

            var aggregate = query.Stat switch
            {
                "Sum" => "SUM(value)",
                "Average" => "AVG(value)",
                "Minimum" => "MIN(value)",
                "Maximum" => "MAX(value)",
                _ => "COUNT(*)",
            };
            // Buckets are aligned to the period from the epoch, as CloudWatch aligns them; newest first.
            var buckets = (await connection.QueryAsync<(long Bucket, double Value)>(new CommandDefinition(
                $"""
                 SELECT (timestamp / @Period) * @Period AS Bucket, CAST({aggregate} AS REAL) AS Value
                 FROM metric_points WHERE metric_id = @Id AND timestamp >= @Start AND timestamp < @End AND (@Unit IS NULL OR unit = @Unit)
                 GROUP BY Bucket ORDER BY Bucket DESC LIMIT @Take
                 """,
                new { Id = id, query.Unit, Period = query.PeriodSeconds * 1000L, Start = start.ToUnixTimeMilliseconds(), End = end.ToUnixTimeMilliseconds(), Take = budget + 1 },
                cancellationToken: cancellationToken))).ToList();
            var partial = buckets.Count > budget;
            var kept = buckets.Take(budget).ToList();
            budget -= kept.Count;
            results.Add(new MetricSeries(query.Id, label, kept.Select(b => DateTimeOffset.FromUnixTimeMilliseconds(b.Bucket)).ToList(),
                kept.Select(b => b.Value).ToList(), partial ? "PartialData" : "Complete"));
        }

        return results;
    }

    public async Task<Page<MetricIdentity>> ListAsync(Caller caller, string? metricNamespace, string? metricName, IReadOnlyList<MetricDimension>? dimensions,
        PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Read, "read metrics");
        var limit = Math.Clamp(page.MaxResults ?? MetricRules.MaxPerPage, 1, MetricRules.MaxPerPage);
        var after = PageToken.Decode(page.NextToken) is { } token
            ? long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : throw new InvalidInputException("The NextToken is not one this listing issued.")
            : 0;
        var sql = new StringBuilder(
            "SELECT id AS Id, namespace AS Namespace, name AS Name, dimensions AS Dimensions FROM metrics m WHERE id > @After AND (@Namespace IS NULL OR namespace = @Namespace) AND (@Name IS NULL OR name = @Name)");
        var parameters = new DynamicParameters(new { After = after, Namespace = metricNamespace, Name = metricName, Take = limit + 1 });
        for (var i = 0; i < (dimensions?.Count ?? 0); i++)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $" AND EXISTS (SELECT 1 FROM metric_dimensions d WHERE d.metric_id = m.id AND d.name = @D{i} AND (@V{i} IS NULL OR d.value = @V{i}))");
            parameters.Add($"D{i}", dimensions![i].Name);
            parameters.Add($"V{i}", dimensions[i].Value);
        }

        sql.Append(" ORDER BY id LIMIT @Take");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<IdentityRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).ToList();
        return new Page<MetricIdentity>(items.Select(r => r.ToModel()).ToList(),
            rows.Count > limit ? PageToken.Encode(items[^1].Id.ToString(CultureInfo.InvariantCulture)) : null);
    }

    private sealed record IdentityRow(long Id, string Namespace, string Name, string Dimensions)
    {
        public MetricIdentity ToModel() => new(Namespace, Name,
            (JsonSerializer.Deserialize<string[][]>(Dimensions) ?? []).Select(d => new MetricDimension(d[0], d[1])).ToList());
    }
}
