using System.Xml.Linq;

namespace Lakeport.Services.Crawling.Classification.Xml;

/// <summary>The shape of one XML element as a row: attributes and child elements as fields, text typed like CSV values.</summary>
public static class XmlShape
{
    /// <summary>The field that holds an element's own text when it also has attributes or children.</summary>
    public const string ValueField = "_value";

    public static JsonShape Of(XElement element)
    {
        var fields = new List<KeyValuePair<string, JsonShape>>();
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            fields.Add(KeyValuePair.Create(Catalog.HiveTypes.FieldName(attribute.Name.LocalName), Scalar(attribute.Value)));
        }

        foreach (var group in element.Elements().GroupBy(e => e.Name.LocalName))
        {
            var merged = group.Select(Value).Aggregate((JsonShape)new JsonShape.Nothing(), JsonShape.Merge);
            fields.Add(KeyValuePair.Create(Catalog.HiveTypes.FieldName(group.Key), group.Count() > 1 ? new JsonShape.Array(merged) : merged));
        }

        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (text.Length > 0 && fields.Count > 0)
        {
            fields.Add(KeyValuePair.Create(ValueField, Scalar(text)));
        }

        return new JsonShape.Struct(fields);
    }

    /// <summary>A child element: a scalar when it holds only text, a struct otherwise.</summary>
    private static JsonShape Value(XElement element) =>
        element.HasElements || element.Attributes().Any(a => !a.IsNamespaceDeclaration) ? Of(element)
        : element.Value.Trim().Length == 0 ? new JsonShape.Nothing()
        : Scalar(element.Value);

    private static JsonShape Scalar(string value) => ScalarTypes.Infer(value) switch
    {
        ScalarKind.Empty => new JsonShape.Nothing(),
        var kind => new JsonShape.Scalar(ScalarTypes.HiveType(kind)),
    };
}
