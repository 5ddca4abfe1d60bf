using Lakeport.Portal.AwsApi.S3;
using Lakeport.Services.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// Abandoned multipart uploads are aborted once <c>Portal:S3:AbandonedUploadDays</c> have passed since they started,
/// as S3's AbortIncompleteMultipartUpload rule does; younger ones, and the parts of a completion in progress, are kept.
/// </summary>
public sealed class AbandonedUploadSweeperTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lakeport-sweep-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero));
    private readonly MultipartUploads _uploads;
    private readonly AbandonedUploadSweeper _sweeper;

    public AbandonedUploadSweeperTests()
    {
        _uploads = new MultipartUploads(new DataFolder(_root), _clock);
        _sweeper = new AbandonedUploadSweeper(_uploads, Options.Create(new S3ApiOptions { AbandonedUploadDays = 7 }), _clock, NullLogger<AbandonedUploadSweeper>.Instance);
    }

    [Fact]
    public void UploadOlderThanTheLimit_IsAborted_AndAYoungerOneKept()
    {
        var old = _uploads.Create("landing", "old.csv", "ada", null, false);
        _clock.Advance(TimeSpan.FromDays(3));
        var young = _uploads.Create("landing", "young.csv", "ada", null, false);
        _clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));

        var aborted = _sweeper.Sweep();

        Assert.Equal(1, aborted);
        Assert.Equal("NoSuchUpload", Assert.Throws<S3Exception>(() => _uploads.Get(old.Id, "landing", "old.csv")).Code);
        Assert.Equal(young.Id, _uploads.Get(young.Id, "landing", "young.csv").Id);
    }

    [Fact]
    public void CompletionUnderWay_IsLeftToIt_ButAClaimACrashLeftIsCleared()
    {
        var crashed = _uploads.TryClaim(_uploads.Create("landing", "crashed.bin", "ada", null, false))!;
        var completing = _uploads.Create("landing", "big.bin", "ada", null, false);
        _clock.Advance(TimeSpan.FromDays(8));
        var underWay = _uploads.TryClaim(completing)!;

        var aborted = _sweeper.Sweep();

        Assert.Equal(0, aborted);
        Assert.True(Directory.Exists(underWay.Folder));
        Assert.False(Directory.Exists(crashed.Folder));
    }

    [Fact]
    public async Task Service_SweepsAtStart_AndThenHourly()
    {
        var first = _uploads.Create("landing", "a.csv", "ada", null, false);
        _clock.Advance(TimeSpan.FromDays(8));
        await _sweeper.StartAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => !Exists(first));
        var second = _uploads.Create("landing", "b.csv", "ada", null, false);
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        // After each pass the service starts its next wait on a pool thread, so a step of the clock can land before
        // that wait exists: step an hour at a time until a pass has run.
        for (var hour = 0; hour < 50 && Exists(second); hour++)
        {
            _clock.Advance(AbandonedUploadSweeper.Interval);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(Exists(second));
        await _sweeper.StopAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private bool Exists(MultipartUpload upload) => Directory.Exists(Path.Combine(_root, "s3-uploads", upload.Id));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
