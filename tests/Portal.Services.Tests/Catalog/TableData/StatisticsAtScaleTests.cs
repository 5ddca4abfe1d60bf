using System.Diagnostics;
using System.Globalization;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>Statistics over a few million generated rows: right figures, and a cancel that stops the engine promptly.</summary>
public sealed class StatisticsAtScaleTests
{
    private const int Rows = 3_000_000;

    [Fact]
    public async Task StatisticsOfMillionsOfRows_AreRight_AndCancellingStopsTheEngineQuickly()
    {
        await using var state = await TestState.CreateAsync();
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("big"), Callers.Token);
        var path = Path.Combine(state.Root, "lake", "data", "big", "rows.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync("id,grp,amount");
            for (var i = 0; i < Rows; i++)
            {
                // Every tenth amount is empty: NULL in a double column.
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i},g{i % 1000},{(i % 10 == 0 ? "" : (i % 5000 / 4.0).ToString(CultureInfo.InvariantCulture))}"));
            }
        }

        await state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "big", TableDefinition.Create("rows",
            new StorageDescriptor([new("id", "bigint"), new("grp", "string"), new("amount", "double")], "s3://data/big/", HiveFormats.TextInput, HiveFormats.TextOutput, false, -1,
                new SerDeInfo(null, HiveFormats.LazySimpleSerDe, new Dictionary<string, string> { ["field.delim"] = "," }), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" }), Callers.Token);
        var data = state.Get<ITableData>();

        var full = Stopwatch.StartNew();
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, "big", "rows", Callers.Token);
        full.Stop();
        TestContext.Current.SendDiagnosticMessage($"statistics over {Rows} rows: {full.ElapsedMilliseconds} ms");

        Assert.Equal((Rows, 0L, "0", (Rows - 1).ToString(CultureInfo.InvariantCulture)), (statistics[0].Rows, statistics[0].Nulls, statistics[0].Min, statistics[0].Max));
        Assert.InRange(statistics[1].ApproxDistinct, 900, 1100);
        Assert.Equal((Rows / 10L, "0.25", "1249.75"), (statistics[2].Nulls, statistics[2].Min, statistics[2].Max));

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Callers.Token);
        // Early enough that even a run much faster than the first (warm caches, an idle machine) is still going.
        var cancelAfter = TimeSpan.FromMilliseconds(Math.Min(50, full.ElapsedMilliseconds / 10));
        cancel.CancelAfter(cancelAfter);
        var stopped = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => data.GetColumnStatisticsAsync(Callers.Viewer, "big", "rows", cancel.Token));
        stopped.Stop();
        TestContext.Current.SendDiagnosticMessage($"cancelled after {cancelAfter.TotalMilliseconds} ms, stopped at {stopped.ElapsedMilliseconds} ms");

        // Stopped well before a full run would have ended, and within a bounded time of the cancel.
        Assert.True(stopped.Elapsed < cancelAfter + TimeSpan.FromSeconds(2), $"took {stopped.ElapsedMilliseconds} ms to stop");
        Assert.True(stopped.ElapsedMilliseconds < full.ElapsedMilliseconds, $"stopped at {stopped.ElapsedMilliseconds} ms, a full run takes {full.ElapsedMilliseconds} ms");
    }
}
