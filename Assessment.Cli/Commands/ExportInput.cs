using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Cli.Commands;

/// <summary>The export a command reads. A JSON export from a named pipe (<c>mkfifo export.json; zcat … &gt; export.json
/// &amp;</c>) is first copied, as it comes, to a file of the same name in a temporary folder, and the copy is read: a
/// pipe can be read only once, so it could not be read unit by unit (nor again whole, should that read fail), and read
/// whole it held the export in memory, 1.4 GB for 20,000 units in UTF-8 and more in GB18030, against issue 6's 1.5 GB.
/// The copy takes the export's size on disk (<c>TMPDIR</c> says where) and is deleted on <see cref="Dispose"/>. Where
/// no temporary folder can be made, the pipe is read whole as before.</summary>
internal sealed class ExportInput : IDisposable
{
    private readonly string? _folder;

    private ExportInput(string given, string path, string? folder, Export? failure)
    {
        (Given, Path, _folder, Failure) = (given, path, folder, failure);
    }

    /// <summary>The path given (the shipped sample when none was).</summary>
    public string Given { get; }

    /// <summary>What to read: the path given, or the pipe's copy.</summary>
    public string Path { get; }

    /// <summary>When the pipe could not be copied (more than the size limit came, a read or a write failed): the export
    /// that says so with a file error, to stand for the read; null otherwise.</summary>
    public Export? Failure { get; }

    /// <summary>The input for <paramref name="path"/>, a pipe's copy made.</summary>
    public static ExportInput Open(string? path, ReadOptions options)
    {
        var given = path ?? ExportLoader.SamplePath;
        if (!System.IO.Path.GetExtension(given).Equals(".json", StringComparison.OrdinalIgnoreCase) || InputFile.KindOf(given) != InputFile.Kind.Pipe)
        {
            return new(given, given, null, null);
        }

        string folder;
        try
        {
            folder = Directory.CreateTempSubdirectory("assess-").FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(given, given, null, null);
        }

        var file = System.IO.Path.GetFileName(given);
        var copy = System.IO.Path.Combine(folder, file);
        Diagnostic? failed = null;
        try
        {
            // On a thread of its own: opening a pipe waits for a writer, and reading it for the writer's bytes, and
            // neither can be cancelled; Ctrl-C stops the wait at once (the thread is let go, the process ends).
            var copying = Task.Run(() => Copy(given, copy, Math.Min(options.Limits.MaxFileBytes, Array.MaxLength), options.Cancellation));
            if (!copying.WaitAsync(options.Cancellation).GetAwaiter().GetResult())
            {
                failed = CsvTableReader.TooLarge(file, -1, options.Limits);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failed = new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]);
        }
        catch
        {
            Delete(folder);
            throw;
        }

        return failed is null
            ? new(given, copy, folder, null)
            : new(given, copy, folder, new Export(given, [], [], [failed], Tables.All.ToDictionary(t => t.Name, _ => 0)));
    }

    /// <summary>Copies the pipe into a new file; false when more than <paramref name="limit"/> bytes came (the rest is
    /// left in the pipe, as the whole read leaves it).</summary>
    private static bool Copy(string pipe, string copy, long limit, CancellationToken cancellation)
    {
        using var from = new FileStream(pipe, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var to = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var chunk = new byte[1 << 16];
        var total = 0L;
        int read;
        while ((read = from.Read(chunk)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            if ((total += read) > limit)
            {
                return false;
            }

            to.Write(chunk, 0, read);
        }

        return true;
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            Delete(_folder);
        }
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind (a file in it still open on Windows): the system's to clean.
        }
    }
}
