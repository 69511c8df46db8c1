using Assessment.Core.Import;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Rules.Claims;

/// <summary>Reads a report's paragraphs: each line of a .txt or .md file (UTF-8 or GB18030, detected), or each
/// paragraph of a .docx body in document order, blank ones included, so that line numbers match what a person sees
/// (a text box's paragraphs, read once, come after the paragraph it is anchored to).
/// A file that cannot be read as either is an <see cref="InvalidDataException"/>; one that cannot be opened, an
/// <see cref="IOException"/>.</summary>
internal static class ReportReader
{
    /// <summary>The largest text report read: a year's report is tens of kilobytes, so this only stops a wrong file.</summary>
    internal const long MaxTextBytes = 64L << 20;

    /// <summary>Refuses a .docx whose XML, unpacked, is over the text limit: the document is loaded as a tree of
    /// elements, and a small file can unpack to gigabytes (pictures, which are not XML, do not count).</summary>
    private static void CheckSize(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        var xml = zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Length);
        if (xml > MaxTextBytes)
        {
            throw new InvalidDataException(
                $"a .docx document whose XML unpacks to {xml.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, over {MaxTextBytes >> 20} MiB, which no report is");
        }
    }

    /// <summary>A paragraph's own text: not that of a text box anchored in one of its runs, whose paragraphs are lines
    /// of their own (after this one, in document order).</summary>
    private static string OwnText(Paragraph p) =>
        string.Concat(p.Descendants<Text>().Where(t => t.Ancestors<Paragraph>().First() == p && !InFallback(t)).Select(t => t.Text));

    /// <summary>Whether an element is in the copy Word saves of a drawing or text box for older readers (mc:Fallback,
    /// VML), beside the one it reads itself (mc:Choice): read, it would repeat the box's text.</summary>
    private static bool InFallback(DocumentFormat.OpenXml.OpenXmlElement e) => e.Ancestors<DocumentFormat.OpenXml.AlternateContentFallback>().Any();

    /// <summary>What a file is that holds a document in a form the reader does not read, told by its first bytes
    /// whatever its name: an old Word or WPS file, a PDF, RTF, or a zip package that is no .docx (a .docx named
    /// otherwise is read as text, and fails the same way). Null for anything else.</summary>
    private static string? OtherDocument(byte[] bytes)
    {
        ReadOnlySpan<byte> start = bytes.AsSpan(0, Math.Min(bytes.Length, 8));
        static string Save(string zh, string en) => $"{zh}，请另存为 .docx 或文本 / {en}: save it as .docx or as text";
        return start.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) ? Save("旧版 Word（.doc）或 WPS 文件", "an old Word (.doc) or WPS document")
            : start.StartsWith("%PDF"u8) ? Save("PDF 文件", "a PDF")
            : start.StartsWith(@"{\rtf"u8) ? Save("RTF 文件", "an RTF document")
            : start.StartsWith("PK\u0003\u0004"u8) ? Save("压缩包（.odt、.xlsx，或改了扩展名的 .docx）", "a zip package (.odt, .xlsx, or a .docx under another name)")
            : null;
    }

    public static IReadOnlyList<string> Paragraphs(string path)
    {
        var kind = InputFile.KindOf(path);
        if (kind == InputFile.Kind.Device)
        {
            throw new InvalidDataException("not a regular file but a device");
        }

        if (Path.GetExtension(path).Equals(".docx", StringComparison.OrdinalIgnoreCase))
        {
            if (kind == InputFile.Kind.Pipe)
            {
                throw new InvalidDataException("a .docx document is read by seeking, so it cannot come from a pipe");
            }

            try
            {
                using var doc = WordprocessingDocument.Open(path, false);
                CheckSize(path); // once the package has opened: a file that is no zip at all keeps the SDK's message
                var body = doc.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("the document has no body");
                return [.. body.Descendants<Paragraph>().Where(p => !InFallback(p)).Select(OwnText)];
            }
            catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OutOfMemoryException or InvalidDataException))
            {
                // Whatever the packaging and XML code throws on bytes that are not a sound .docx (an XmlException for a
                // damaged part, an OpenXmlPackageException, a FormatException) is one kind of failure for the caller.
                throw new InvalidDataException($"not a readable .docx document: {e.Message}", e);
            }
        }

        var bytes = InputFile.ReadAllBytes(path, MaxTextBytes, out _)
            ?? throw new InvalidDataException($"over {MaxTextBytes >> 20} MiB, which no report is");
        if (OtherDocument(bytes) is { } other)
        {
            throw new InvalidDataException(other);
        }

        if (!TextDecoder.TryDecode(bytes, null, out var text, out _))
        {
            throw new InvalidDataException($"the text is neither UTF-8 nor GB18030 (line {TextDecoder.BadBytes(bytes, null).Line})");
        }

        return text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }
}
