using System.Text;

namespace Assessment.Core.Import;

/// <summary>Turns a file's bytes into text: UTF-8 (BOM or not), UTF-16 with BOM, or GB18030/GBK, detected per file.</summary>
internal static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves an encoding name given with <c>--encoding</c> (utf-8, utf-16, gb18030, gbk, ...).</summary>
    /// <returns>The encoding, or null when the name is not known or the encoding is not supported (UTF-7).</returns>
    public static Encoding? Resolve(string name)
    {
        try
        {
            var enc = Encoding.GetEncoding(name.Trim());
            // Throw on bad bytes instead of inventing replacement characters: we never guess a value.
            return Encoding.GetEncoding(enc.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null; // not a name .NET knows, or one it refuses (UTF-7)
        }
    }

    /// <summary>Decodes the bytes; with <paramref name="forced"/> null the encoding is detected.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="forced">An encoding given by the user, or null.</param>
    /// <param name="text">The decoded text without a byte-order mark.</param>
    /// <param name="encodingName">The name of the encoding used or tried.</param>
    /// <returns>False when the bytes are not valid in the encoding.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, Encoding? forced, out string text, out string encodingName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return TryStrict(bytes[3..], new UTF8Encoding(false, true), "UTF-8", out text, out encodingName);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return TryStrict(bytes[2..], new UnicodeEncoding(false, false, true), "UTF-16LE", out text, out encodingName);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return TryStrict(bytes[2..], new UnicodeEncoding(true, false, true), "UTF-16BE", out text, out encodingName);
        }

        if (forced is not null)
        {
            return TryStrict(bytes, forced, forced.WebName, out text, out encodingName);
        }

        // Valid UTF-8 is almost never valid-looking GBK by accident, and vice versa, so try UTF-8 strictly first.
        if (TryStrict(bytes, new UTF8Encoding(false, true), "UTF-8", out text, out encodingName))
        {
            return true;
        }

        return TryStrict(bytes, Resolve("gb18030")!, "GB18030", out text, out encodingName);
    }

    private static bool TryStrict(ReadOnlySpan<byte> bytes, Encoding encoding, string name, out string text, out string encodingName)
    {
        encodingName = name;
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
