using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lakeport.Services.Configuration;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>A multipart upload in progress: where it will land and what it promised at its start.</summary>
/// <param name="ChecksumAlgorithm">The <c>x-amz-checksum-algorithm</c> given at the start (crc32, sha1, sha256); each part must carry one.</param>
/// <param name="FullObjectChecksum">Whether that checksum is of the whole object (<c>x-amz-checksum-type: FULL_OBJECT</c>) rather than of each part.</param>
public sealed record MultipartUpload(string Id, string Bucket, string Key, DateTime InitiatedUtc, string Initiator, string? ChecksumAlgorithm, bool FullObjectChecksum);

/// <summary>One stored part: its number, the MD5 that is its ETag, its file.</summary>
public sealed record UploadedPart(int Number, string Md5, FileInfo File)
{
    public string ETag => $"\"{Md5}\"";
}

/// <summary>
/// Uploads in progress, each a folder <c>&lt;Root&gt;/s3-uploads/&lt;id&gt;/</c> holding <c>upload.json</c> and its parts.
/// Outside the lake on purpose: no listing, crawler or query sees a part, and the object appears only when the upload
/// completes, in one move. A part is stored as <c>part-NNNNN-&lt;md5&gt;</c>, so completing names exactly the bytes the
/// client was given an ETag for, even if the same part number was uploaded again meanwhile. Completing and aborting
/// first rename the folder, so the two cannot both act on one upload and a part arriving afterwards finds none.
/// </summary>
public sealed partial class MultipartUploads(DataFolder folder, TimeProvider clock)
{
    public const int MaxPartNumber = 10_000;

    private const string Manifest = "upload.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Root => Path.Combine(folder.Root, "s3-uploads");

    public MultipartUpload Create(string bucket, string key, string initiator, string? checksumAlgorithm, bool fullObjectChecksum)
    {
        var upload = new MultipartUpload(Guid.NewGuid().ToString("N"), bucket, key, clock.GetUtcNow().UtcDateTime, initiator, checksumAlgorithm, fullObjectChecksum);
        var path = Path.Combine(Root, upload.Id);
        Directory.CreateDirectory(path);
        var temp = Path.Combine(path, Manifest + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(upload, Json));
        File.Move(temp, Path.Combine(path, Manifest));
        return upload;
    }

    /// <summary>The upload, which must be for this bucket and key; <c>NoSuchUpload</c> otherwise, as S3 answers.</summary>
    public MultipartUpload Get(string id, string bucket, string key)
    {
        var upload = Read(FolderOf(id));
        return upload is not null && upload.Bucket == bucket && upload.Key == key ? upload : throw NoSuchUpload();
    }

    /// <summary>Every upload of <paramref name="bucket"/> in progress, by key then start time, as S3 lists them.</summary>
    public IEnumerable<MultipartUpload> List(string bucket) =>
        !Directory.Exists(Root) ? [] : new DirectoryInfo(Root).EnumerateDirectories()
            .Where(d => UploadId().IsMatch(d.Name))
            .Select(d => Read(d.FullName))
            .OfType<MultipartUpload>()
            .Where(u => u.Bucket == bucket)
            .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.InitiatedUtc).ThenBy(u => u.Id, StringComparer.Ordinal);

    /// <summary>
    /// Receives part <paramref name="number"/>: <paramref name="write"/> fills a new file in the upload's folder and
    /// returns its MD5, and the file is kept as that part, replacing earlier uploads of the number. NoSuchUpload when
    /// the upload was completed or aborted before or while it was written; the file is gone unless kept.
    /// </summary>
    public async Task<UploadedPart> ReceivePartAsync(MultipartUpload upload, int number, Func<string, Task<string>> write)
    {
        var uploadFolder = FolderOf(upload.Id);
        var received = Path.Combine(uploadFolder, $"receiving-{Guid.NewGuid():N}.tmp");
        try
        {
            string md5;
            try
            {
                md5 = await write(received);
            }
            catch (DirectoryNotFoundException)
            {
                throw NoSuchUpload();
            }

            return KeepPart(uploadFolder, number, received, md5);
        }
        finally
        {
            // Not kept (refused, or cut off); when the upload ended meanwhile, its folder took the file with it.
            if (File.Exists(received))
            {
                File.Delete(received);
            }
        }
    }

    private static UploadedPart KeepPart(string uploadFolder, int number, string received, string md5)
    {
        var name = PartName(number, md5);
        var path = Path.Combine(uploadFolder, name);
        try
        {
            File.Move(received, path, overwrite: true);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            throw NoSuchUpload(); // Completed or aborted while the part was on its way: the folder moved, with the part in it.
        }

        foreach (var older in Directory.EnumerateFiles(uploadFolder, $"part-{number:D5}-*"))
        {
            if (Path.GetFileName(older) != name)
            {
                File.Delete(older);
            }
        }

        return new UploadedPart(number, md5, new FileInfo(path));
    }

    /// <summary>The parts stored so far, by number (the newest upload of each number).</summary>
    public IReadOnlyList<UploadedPart> Parts(MultipartUpload upload) => PartsIn(FolderOf(upload.Id));

    /// <summary>
    /// Takes the upload away from further parts and from any other completion or abort; null when it is already gone.
    /// <see cref="Release"/> gives it back (a completion that failed on the client's list), <see cref="Discard"/> ends it.
    /// </summary>
    public Claim? TryClaim(MultipartUpload upload)
    {
        var claimed = FolderOf(upload.Id) + $".claimed-{Guid.NewGuid():N}";
        try
        {
            Directory.Move(FolderOf(upload.Id), claimed);
            // Stamped, so that the sweep of abandoned uploads tells a completion under way from one a crash cut off.
            Directory.SetLastWriteTimeUtc(claimed, clock.GetUtcNow().UtcDateTime);
            return new Claim(upload, claimed);
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Release(Claim claim) => Directory.Move(claim.Folder, FolderOf(claim.Upload.Id));

    public static void Discard(Claim claim) => Directory.Delete(claim.Folder, recursive: true);

    /// <summary>The claimed upload's part <paramref name="number"/> with exactly this MD5, if it was stored.</summary>
    public static UploadedPart? Part(Claim claim, int number, string md5)
    {
        var file = new FileInfo(Path.Combine(claim.Folder, PartName(number, md5)));
        return file.Exists ? new UploadedPart(number, md5, file) : null;
    }

    /// <summary>
    /// Aborts every upload started before <paramref name="cutoff"/>, in any bucket, and clears what a crash left behind
    /// before it (a folder without its manifest, a claim no completion or abort finished); returns how many uploads it
    /// aborted. A claim made since the cutoff is a completion or abort under way, and is left to it.
    /// </summary>
    public int AbortInitiatedBefore(DateTime cutoff)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var aborted = 0;
        foreach (var entry in new DirectoryInfo(Root).EnumerateDirectories())
        {
            var upload = UploadId().IsMatch(entry.Name) ? Read(entry.FullName) : null;
            if (upload is not null ? upload.InitiatedUtc >= cutoff : entry.LastWriteTimeUtc >= cutoff)
            {
                continue;
            }

            if (upload is null)
            {
                entry.Delete(recursive: true);
            }
            else if (TryClaim(upload) is { } claim)
            {
                Discard(claim);
                aborted++;
            }
        }

        return aborted;
    }

    public static S3Exception NoSuchUpload() => new("NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", StatusCodes.Status404NotFound);

    private string FolderOf(string id) => UploadId().IsMatch(id) ? Path.Combine(Root, id) : throw NoSuchUpload();

    private static string PartName(int number, string md5) => $"part-{number:D5}-{md5}";

    private static MultipartUpload? Read(string uploadFolder)
    {
        try
        {
            return JsonSerializer.Deserialize<MultipartUpload>(File.ReadAllText(Path.Combine(uploadFolder, Manifest)), Json);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private static List<UploadedPart> PartsIn(string uploadFolder)
    {
        if (!Directory.Exists(uploadFolder))
        {
            throw NoSuchUpload();
        }

        return new DirectoryInfo(uploadFolder).EnumerateFiles("part-*")
            .Select(f => (File: f, Match: PartFile().Match(f.Name)))
            .Where(p => p.Match.Success)
            .Select(p => new UploadedPart(int.Parse(p.Match.Groups[1].Value, CultureInfo.InvariantCulture), p.Match.Groups[2].Value, p.File))
            .GroupBy(p => p.Number)
            .Select(g => g.OrderByDescending(p => p.File.LastWriteTimeUtc).First())
            .OrderBy(p => p.Number)
            .ToList();
    }

    /// <summary>A claimed upload: its folder is out of reach of part uploads and of other claims.</summary>
    public sealed record Claim(MultipartUpload Upload, string Folder);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UploadId();

    [GeneratedRegex("^part-([0-9]{5})-([0-9a-f]{32})$")]
    private static partial Regex PartFile();
}
