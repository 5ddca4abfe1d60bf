using Lakeport.Services.Common;

namespace Lakeport.Services.Aws.Storage;

/// <summary>
/// The S3 objects the Aws backend reads and writes itself: job scripts it uploads and query results it streams back.
/// Everything else in S3 (the lake's data) is read by Glue and Athena, never by the portal.
/// </summary>
public interface IS3Objects
{
    /// <summary>Writes (replaces) an object with UTF-8 text.</summary>
    Task PutTextAsync(S3Uri location, string text, string contentType, CancellationToken cancellationToken);

    /// <summary>Reads an object as UTF-8 text; <see cref="EntityNotFoundException"/> when it does not exist.</summary>
    Task<string> GetTextAsync(S3Uri location, CancellationToken cancellationToken);

    /// <summary>The object's bytes as a stream straight from S3 (never buffered whole); the caller disposes it.</summary>
    Task<Stream> OpenReadAsync(S3Uri location, CancellationToken cancellationToken);

    /// <summary>The object's size in bytes, or null when it does not exist.</summary>
    Task<long?> GetSizeAsync(S3Uri location, CancellationToken cancellationToken);
}
