using System.Xml;
using System.Xml.Linq;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification.Xml;

/// <summary>
/// XML, built in or custom. With a row tag (a custom classifier), every non-self-closing element of that name is a
/// row; without one (the built-in), the document's root element is the one row, so the schema comes from its
/// top-level tags. Columns are a row's attributes and child elements; nested elements become structs, repeated ones
/// arrays, text is typed like CSV values. DTDs are refused (no entity expansion from crawled files).
/// </summary>
public sealed class XmlClassifier : IClassifier
{
    public const int MaxRecords = 1000;

    private readonly string? _rowTag;
    private readonly string _classification;

    public XmlClassifier(string name = "xml", string classification = "xml", string? rowTag = null)
    {
        Name = name;
        _classification = classification;
        _rowTag = rowTag;
    }

    public string Name { get; }

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    private ClassificationResult? Classify(FileSample sample)
    {
        if (!TextSample.TryDecode(sample, out var text) || !text.TrimStart().StartsWith('<'))
        {
            return null;
        }

        JsonShape shape = new JsonShape.Nothing();
        var rows = 0;
        string? rowTag = _rowTag;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            // ReadFrom leaves the reader on the node after the row, so it must not be advanced again.
            var positioned = reader.Read();
            while (rows < MaxRecords && positioned)
            {
                rowTag ??= reader.NodeType == XmlNodeType.Element ? reader.LocalName : null;
                // Glue does not parse self-closing row elements (<row a="1"/>).
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == rowTag && !reader.IsEmptyElement)
                {
                    shape = JsonShape.Merge(shape, XmlShape.Of((XElement)XNode.ReadFrom(reader)));
                    rows++;
                    positioned = !reader.EOF;
                }
                else
                {
                    positioned = reader.Read();
                }
            }
        }
        catch (XmlException) when (sample.IsTruncated && rows > 0)
        {
            // The sample cut the document: the rows read before the cut still describe it.
        }
        catch (XmlException)
        {
            return null;
        }

        return rows > 0 && shape is JsonShape.Struct { Fields.Count: > 0 } record ? Result(record, rowTag!, rows) : null;
    }

    private ClassificationResult Result(JsonShape.Struct record, string rowTag, int rows)
    {
        var columns = record.Fields.Select(f => new CatalogColumn(f.Key, f.Value.ToHiveType())).ToList();
        var parameters = new Dictionary<string, string> { ["classification"] = _classification, ["rowTag"] = rowTag, ["typeOfData"] = "file" };
        var serde = new SerDeInfo(null, HiveFormats.XmlSerDe, new Dictionary<string, string>());
        return new ClassificationResult(_classification, 1.0, columns, serde, HiveFormats.XmlInput, HiveFormats.TextOutput, parameters, rows);
    }
}
