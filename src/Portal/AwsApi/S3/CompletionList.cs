using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// The parts a CompleteMultipartUpload body names, in order: <c>&lt;CompleteMultipartUpload&gt;&lt;Part&gt;&lt;PartNumber&gt;</c>
/// and <c>&lt;ETag&gt;</c> (per-part checksum elements are accepted and not needed: each part was checked as it arrived).
/// </summary>
public static partial class CompletionList
{
    public sealed record Entry(int Number, string Md5);

    public static IReadOnlyList<Entry> Parse(byte[] body)
    {
        var parts = new List<Entry>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true,
            });
            reader.MoveToContent();
            if (reader.LocalName != "CompleteMultipartUpload")
            {
                throw Malformed();
            }

            if (reader.IsEmptyElement)
            {
                throw Malformed();
            }

            reader.ReadStartElement();
            while (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName != "Part" || reader.IsEmptyElement)
                {
                    throw Malformed();
                }

                parts.Add(ReadPart(reader));
            }
        }
        catch (XmlException)
        {
            throw Malformed();
        }

        if (parts.Count is 0 or > MultipartUploads.MaxPartNumber)
        {
            throw Malformed();
        }

        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].Number <= parts[i - 1].Number)
            {
                throw new S3Exception("InvalidPartOrder",
                    "The list of parts was not in ascending order. The parts list must be specified in order of the part number.", StatusCodes.Status400BadRequest);
            }
        }

        return parts;
    }

    private static Entry ReadPart(XmlReader reader)
    {
        int? number = null;
        string? etag = null;
        reader.ReadStartElement("Part");
        while (reader.NodeType == XmlNodeType.Element)
        {
            switch (reader.LocalName)
            {
                case "PartNumber":
                    number = int.TryParse(reader.ReadElementContentAsString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Malformed();
                    break;
                case "ETag":
                    etag = reader.ReadElementContentAsString().Trim().Trim('"').ToLowerInvariant();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        reader.ReadEndElement();
        if (number is not { } partNumber || etag is null)
        {
            throw Malformed();
        }

        // An ETag that is not an MD5 was never handed out by this server.
        return new Entry(partNumber, Md5().IsMatch(etag) ? etag : "");
    }

    private static S3Exception Malformed() => new("MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema: CompleteMultipartUpload needs 1 to 10,000 Part elements, each with a PartNumber and an ETag.",
        StatusCodes.Status400BadRequest);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Md5();
}
