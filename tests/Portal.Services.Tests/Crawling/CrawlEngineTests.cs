using System.IO.Compression;
using System.Text;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Whole crawls over real folders, including every kind of broken input the issue names.</summary>
public sealed class CrawlEngineTests : IDisposable
{
    private readonly string _lake = Directory.CreateTempSubdirectory("lakeport-engine-").FullName;
    private readonly CrawlEngine _engine = new(new ClassifierChain([]));

    [Fact]
    public async Task SampleLake_IsPlannedWithLiveProgress()
    {
        var reports = new List<CrawlProgress>();
        var progress = new SynchronousProgress(reports);

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://samples/"), SampleLakeSeeder.ShippedFolder, []), new GroupingOptions(TableLevel: 3), progress, Callers.Token);

        Assert.Equal(["countries", "events", "orders", "products"], plan.Tables.Select(t => t.Definition.Name).Order());
        Assert.Equal(13, reports[^1].FilesClassified);
        Assert.Equal(13, reports[0].FilesSeen);
    }

    [Fact]
    public async Task Exclusions_LeaveMatchingFilesOut()
    {
        var exclusions = new[] { ExclusionGlob.Parse("**.json"), ExclusionGlob.Parse("reference/**") };

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://samples/"), SampleLakeSeeder.ShippedFolder, exclusions), new GroupingOptions(TableLevel: 3), null, Callers.Token);

        Assert.Equal(["orders", "products"], plan.Tables.Select(t => t.Definition.Name).Order());
    }

    [Fact]
    public async Task BrokenInputs_AreEachReportedAgainstTheirFile_AndTheCrawlFinishes()
    {
        Write("good/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        Write("bad/empty.csv", "");
        await File.WriteAllBytesAsync(Path.Combine(_lake, "bad", "junk.csv"), Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 % 256)).ToArray(), Callers.Token);
        await File.WriteAllBytesAsync(Path.Combine(_lake, "bad", "cut.csv.gz"), [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00], Callers.Token);
        var parquet = await File.ReadAllBytesAsync(Path.Combine(SampleLakeSeeder.ShippedFolder, "catalog", "products", "products.parquet"), Callers.Token);
        await File.WriteAllBytesAsync(Path.Combine(_lake, "bad", "broken.parquet"), parquet[..^64], Callers.Token);
        File.CreateSymbolicLink(Path.Combine(_lake, "bad", "vanished.csv"), Path.Combine(_lake, "no-longer-here.csv"));

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/"), _lake, []), new GroupingOptions(), null, Callers.Token);

        Assert.Equal(["bad/broken.parquet", "bad/cut.csv.gz", "bad/empty.csv", "bad/junk.csv", "bad/vanished.csv"], plan.Problems.Select(p => p.Path).Order());
        Assert.Contains(plan.Tables, t => t.Files.Contains("good/a.csv"));
    }

    [Fact]
    public async Task SymlinkedFolder_IsCrawledAsAFolder()
    {
        Write("real/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        Directory.CreateDirectory(Path.Combine(_lake, "t"));
        Directory.CreateSymbolicLink(Path.Combine(_lake, "t", "linked"), Path.Combine(_lake, "real"));

        var scan = await _engine.ScanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/t/"), Path.Combine(_lake, "t"), []), null, Callers.Token);

        Assert.Equal(["linked/a.csv"], scan.Files.Select(f => f.RelativePath));
        Assert.Equal("csv", scan.Files[0].Classification.Classification);
        Assert.Equal(new FileInfo(Path.Combine(_lake, "real", "a.csv")).Length, scan.Files[0].Size);
    }

    [Fact]
    public async Task TenThousandColumns_AreCrawledAndWritten()
    {
        var header = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"c{i}"));
        var row = string.Join(',', Enumerable.Range(0, 10_000));
        Write("wide/w.csv", $"{header}\n{row}\n{row}\n");
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput("lake"), Callers.Token);

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/wide/"), Path.Combine(_lake, "wide"), []), new GroupingOptions(), null, Callers.Token);
        await catalog.ApplyCrawlAsync(Callers.Analyst, "lake", "wide", plan, new CrawlerPolicy(), Callers.Token);

        var table = await catalog.GetTableAsync(Callers.Viewer, "lake", "wide", Callers.Token);
        Assert.Equal(10_000, table.Definition.StorageDescriptor.Columns.Count);
        Assert.All(table.Definition.StorageDescriptor.Columns, c => Assert.Equal("bigint", c.Type));
    }

    [Fact]
    public async Task GzippedCsv_IsClassifiedWithItsCompression()
    {
        await using (var gzip = new GZipStream(File.Create(Path.Combine(Directory.CreateDirectory(Path.Combine(_lake, "z")).FullName, "a.csv.gz")), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("id,amount\n1,2.5\n2,3.5\n"), Callers.Token);
        }

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/z/"), Path.Combine(_lake, "z"), []), new GroupingOptions(), null, Callers.Token);

        var table = Assert.Single(plan.Tables);
        Assert.Equal(("gzip", "csv"), (table.Definition.Parameters["compressionType"], table.Definition.Parameters["classification"]));
        Assert.True(table.Definition.StorageDescriptor.Compressed);
    }

    [Fact]
    public async Task MissingIncludePath_IsAProblem_NotAnException()
    {
        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/nothing/"), Path.Combine(_lake, "nothing"), []), new GroupingOptions(), null, Callers.Token);

        Assert.Empty(plan.Tables);
        Assert.Contains("does not exist", Assert.Single(plan.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileThatVanishesAfterListing_IsReportedAgainstItself_AndTheRestIsCrawled()
    {
        Write("t/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        Write("t/b.csv", "id,amount\n3,4.5\n4,5.5\n");
        var doomed = Path.Combine(_lake, "t", "b.csv");
        // The first report comes after the listing and before any file is read: the file goes in between.
        var progress = new OnFirstReport(() => File.Delete(doomed));

        var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/"), _lake, []), new GroupingOptions(), progress, Callers.Token);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("t/b.csv", problem.Path);
        Assert.Equal(["t/a.csv"], Assert.Single(plan.Tables).Files);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FolderThatCannotBeListed_IsReportedAgainstItself_AndTheRestIsCrawled()
    {
        Write("good/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        var locked = Path.Combine(_lake, "locked");
        if (Environment.UserName == "root")
        {
            // Permissions do not stop root; a kernel folder that refuses even root stands in (the link is followed like any folder link).
            const string refusing = "/proc/1/map_files";
            Assert.Throws<UnauthorizedAccessException>(() => Directory.GetFileSystemEntries(refusing));
            Directory.CreateSymbolicLink(locked, refusing);
        }
        else
        {
            Write("locked/b.csv", "id,amount\n3,4.5\n4,5.5\n");
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        try
        {
            var plan = await _engine.PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/"), _lake, []), new GroupingOptions(), null, Callers.Token);

            var problem = Assert.Single(plan.Problems);
            Assert.Equal("locked", problem.Path);
            Assert.Contains("could not be listed", problem.Message, StringComparison.Ordinal);
            Assert.Contains(plan.Tables, t => t.Files.Contains("good/a.csv"));
        }
        finally
        {
            if (Environment.UserName != "root")
            {
                File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public void Dispose() => Directory.Delete(_lake, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_lake, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private sealed class OnFirstReport(Action action) : IProgress<CrawlProgress>
    {
        private int _reported;

        public void Report(CrawlProgress value)
        {
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                action();
            }
        }
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order and complete.</summary>
    private sealed class SynchronousProgress(List<CrawlProgress> reports) : IProgress<CrawlProgress>
    {
        public void Report(CrawlProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
