using System.Diagnostics;
using System.Globalization;
using Lakeport.Services.Catalog;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>Previews and statistics of every sample-lake table after a real crawl, checked against the files themselves.</summary>
public sealed class SampleLakeTableDataTests(SampleLakeFixture lake) : IClassFixture<SampleLakeFixture>
{
    private ITableData Data => lake.State.Get<ITableData>();

    private static string[] OrderLines() =>
        Directory.GetFiles(Path.Combine(SampleLakeSeeder.ShippedFolder, "sales", "orders"), "*.csv", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Skip(1)).ToArray();

    [Fact]
    public async Task PreviewOfOrders_HasTypedColumnsThenPartitionKeys_WithEachRowsOwnPartitionValues()
    {
        var elapsed = Stopwatch.StartNew();
        var preview = await Data.PreviewAsync(Callers.Viewer, "samples", "orders", 100, Callers.Token);
        TestContext.Current.SendDiagnosticMessage($"orders preview: {elapsed.ElapsedMilliseconds} ms");

        Assert.Equal(["order_id", "order_ts", "customer_id", "product_sku", "quantity", "unit_price", "currency", "country", "channel", "status", "note", "year", "month"],
            preview.Columns.Select(c => c.Name));
        Assert.Equal(("bigint", "double"), (preview.Columns[0].Type, preview.Columns[5].Type));
        Assert.Equal(100, preview.Rows.Count);
        foreach (var row in preview.Rows)
        {
            // order_ts 2025-01-01T05:24:02Z lives in year=2025/month=01: the partition values belong to the row's own file.
            Assert.Equal(row[1]![..7], $"{row[11]}-{row[12]}");
            Assert.True(long.TryParse(row[0], CultureInfo.InvariantCulture, out _));
        }

        var quoted = preview.Rows.Where(r => r[10] is { Length: > 0 }).Select(r => r[10]).ToList();
        Assert.Contains(quoted, n => n!.Contains(',', StringComparison.Ordinal) || n.Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatisticsOfOrders_MatchTheFiles()
    {
        var lines = OrderLines();
        var ids = lines.Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToList();

        var elapsed = Stopwatch.StartNew();
        var statistics = await Data.GetColumnStatisticsAsync(Callers.Viewer, "samples", "orders", Callers.Token);
        TestContext.Current.SendDiagnosticMessage($"orders statistics: {elapsed.ElapsedMilliseconds} ms");

        var orderId = statistics.Single(s => s.Column == "order_id");
        Assert.Equal((lines.Length, 0L), (orderId.Rows, orderId.Nulls));
        Assert.Equal((ids.Min().ToString(CultureInfo.InvariantCulture), ids.Max().ToString(CultureInfo.InvariantCulture)), (orderId.Min, orderId.Max));
        Assert.InRange(orderId.ApproxDistinct, ids.Distinct().Count() * 90 / 100, ids.Distinct().Count() * 110 / 100);
        var year = statistics.Single(s => s.Column == "year");
        Assert.Equal((2L, "2024", "2025"), (year.ApproxDistinct, year.Min, year.Max));
        var currency = statistics.Single(s => s.Column == "currency");
        var currencies = lines.Select(l => l.Split(',')[6]).Distinct().Count();
        Assert.InRange(currency.ApproxDistinct, currencies - 1, currencies + 1);
        Assert.Equal(0, currency.Nulls);
    }

    [Fact]
    public async Task PreviewOfEvents_ShowsNestedValuesAsText_BigIdsIntact_AndTheDatePartition()
    {
        var preview = await Data.PreviewAsync(Callers.Viewer, "samples", "events", 50, Callers.Token);

        Assert.Equal(50, preview.Rows.Count);
        Assert.Equal("dt", preview.Columns[^1].Name);
        var user = preview.Columns.ToList().FindIndex(c => c.Name == "user");
        Assert.StartsWith("struct<", preview.Columns[user].Type, StringComparison.Ordinal);
        foreach (var row in preview.Rows)
        {
            var day = row[0]![..8];
            Assert.Equal($"{day[..4]}-{day[4..6]}-{day[6..]}", row[^1]);
            var session = System.Text.RegularExpressions.Regex.Match(row[user]!, @"'session_id': (\d+)");
            Assert.True(session.Success, row[user]);
            Assert.True(long.Parse(session.Groups[1].Value, CultureInfo.InvariantCulture) > int.MaxValue);
        }

        Assert.Contains(preview.Rows, r => r.Any(v => v is not null && v.StartsWith("[promo", StringComparison.Ordinal)));
        // Every key of the files is found under its catalog name: no column is all NULL, nor any field of a struct.
        Assert.All(preview.Columns.Select((c, i) => (c.Name, i)), c => Assert.Contains(preview.Rows, r => r[c.i] is not null));
        Assert.DoesNotContain(preview.Rows, r => r.Any(v => v is not null && v.Contains(": NULL", StringComparison.Ordinal) && !v.Contains("'quantity': NULL", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StatisticsOfEvents_CountEveryLine_AndLeaveMinMaxOfNestedColumnsEmpty()
    {
        var statistics = await Data.GetColumnStatisticsAsync(Callers.Viewer, "samples", "events", Callers.Token);

        Assert.All(statistics, s => Assert.Equal(840, s.Rows));
        Assert.All(statistics, s => Assert.True(s.Nulls < s.Rows, $"{s.Column} is all NULL"));
        var user = statistics.Single(s => s.Column == "user");
        Assert.Equal((0L, null, null), (user.Nulls, user.Min, user.Max));
        Assert.Equal((3L, "2025-06-01", "2025-06-03"), (statistics.Single(s => s.Column == "dt").ApproxDistinct, statistics.Single(s => s.Column == "dt").Min, statistics.Single(s => s.Column == "dt").Max));
    }

    [Theory]
    [InlineData("products")]
    [InlineData("countries")]
    public async Task ParquetTables_PreviewAndCountAsTheFooterSays(string table)
    {
        var definition = await lake.State.Get<ICatalog>().GetTableAsync(Callers.Viewer, "samples", table, Callers.Token);
        var records = long.Parse(definition.Definition.Parameters["recordCount"], CultureInfo.InvariantCulture);

        var preview = await Data.PreviewAsync(Callers.Viewer, "samples", table, 100, Callers.Token);
        var statistics = await Data.GetColumnStatisticsAsync(Callers.Viewer, "samples", table, Callers.Token);

        Assert.Equal((int)Math.Min(records, 100), preview.Rows.Count);
        Assert.All(statistics, s => Assert.Equal(records, s.Rows));
        // Every column is found in the files under its catalog name: none comes back all NULL.
        Assert.All(statistics, s => Assert.True(s.Nulls < s.Rows, $"{s.Column} is all NULL"));
    }

    [Fact]
    public async Task PreviewOfProducts_FormatsValuesInvariantly()
    {
        var preview = await Data.PreviewAsync(Callers.Viewer, "samples", "products", 1, Callers.Token);

        var row = preview.Columns.Select(c => c.Name).Zip(preview.Rows.Single()).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("SKU-00001", "Studio Kettle", "11.31", "2021-02-22", "false"), (row["sku"], row["name"], row["list_price"], row["launched"], row["discontinued"]));
    }

    [Fact]
    public async Task PreviewRows_AreCappedAtOneHundred()
    {
        var preview = await Data.PreviewAsync(Callers.Viewer, "samples", "orders", 5000, Callers.Token);

        Assert.Equal(TableDataRules.MaxPreviewRows, preview.Rows.Count);
    }
}
