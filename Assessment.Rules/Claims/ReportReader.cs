using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Rules.Claims;

/// <summary>Reads a report's paragraphs: each line of a .txt or .md file (UTF-8 or GB18030, detected), or each
/// paragraph of a .docx body in document order, blank ones included, so that line numbers match what a person sees.</summary>
internal static class ReportReader
{
    public static IReadOnlyList<string> Paragraphs(string path)
    {
        if (Path.GetExtension(path).Equals(".docx", StringComparison.OrdinalIgnoreCase))
        {
            using var doc = WordprocessingDocument.Open(path, false);
            var body = doc.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("the document has no body");
            return body.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text))).ToArray();
        }

        var bytes = File.ReadAllBytes(path);
        if (!Core.Import.TextDecoder.TryDecode(bytes, null, out var text, out _))
        {
            throw new InvalidDataException("the text is neither UTF-8 nor GB18030");
        }

        return text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }
}
