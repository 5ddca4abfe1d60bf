using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Common;

namespace Lakeport.Services.Aws.Storage;

/// <summary><see cref="IS3Objects"/> through AWSSDK.S3 (the one AWS service whose SDK this machine can restore).</summary>
public sealed class S3Objects(IAmazonS3 s3) : IS3Objects
{
    public async Task PutTextAsync(S3Uri location, string text, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            ContentBody = text,
            ContentType = contentType,
            // A script is small: one signed body is simpler for every S3-compatible endpoint than aws-chunked uploads.
            UseChunkEncoding = false,
        };
        await Call(location, () => s3.PutObjectAsync(request, cancellationToken));
    }

    public async Task<string> GetTextAsync(S3Uri location, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(location, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(S3Uri location, CancellationToken cancellationToken)
    {
        var response = await Call(location, () => s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken));
        return new ResponseStream(response);
    }

    public async Task<long?> GetSizeAsync(S3Uri location, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception e)
        {
            throw ToPortal(location, e);
        }
    }

    private static async Task<T> Call<T>(S3Uri location, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e)
        {
            throw ToPortal(location, e);
        }
    }

    private static Exception ToPortal(S3Uri location, AmazonS3Exception e) => e.StatusCode switch
    {
        HttpStatusCode.NotFound => new EntityNotFoundException($"{location} does not exist in S3 ({e.ErrorCode}).", e),
        HttpStatusCode.Forbidden => new Common.AccessDeniedException($"S3 refused access to {location}: {e.ErrorCode} {e.Message}", e),
        _ => new AwsServiceException(e.ErrorCode ?? "S3Error", $"S3 failed on {location}: {e.Message}", (int)e.StatusCode, e.RequestId, "S3"),
    };

    /// <summary>Keeps the response (and its connection) alive until the body has been read and the stream disposed.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
