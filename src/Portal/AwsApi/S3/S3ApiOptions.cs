using System.ComponentModel.DataAnnotations;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary><c>Portal:S3</c>: the lake's S3 API at <c>/aws/s3</c>.</summary>
public sealed class S3ApiOptions
{
    public const string SectionName = "Portal:S3";

    /// <summary>
    /// Multipart uploads started this many days ago and neither completed nor aborted are aborted, their parts deleted:
    /// S3's lifecycle rule AbortIncompleteMultipartUpload, with the 7 days the S3 console suggests. An interrupted
    /// <c>aws s3 cp</c> otherwise leaves its parts on disk for good.
    /// </summary>
    [Range(1, 3650)]
    public int AbandonedUploadDays { get; set; } = 7;
}
