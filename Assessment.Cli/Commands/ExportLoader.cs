using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;

namespace Assessment.Cli.Commands;

/// <summary>Resolves the input path and the rubric, and reads the export: the one place the CLI turns arguments into data.</summary>
internal static class ExportLoader
{
    /// <summary>The sample export shipped beside the program (copied into the output folder at build time).</summary>
    public static string SamplePath => System.IO.Path.Combine(AppContext.BaseDirectory, "samples");

    public static Assessor CreateAssessor(string? rubric)
    {
        try
        {
            return rubric is null ? Assessor.Create() : Assessor.Create(RubricCatalog.Load(rubric));
        }
        catch (RubricException e)
        {
            throw new UsageException($"--rubric: {e.Message}");
        }
    }

    public static Export Read(string? path, ReadOptions options)
    {
        var source = path ?? SamplePath;
        if (File.Exists(source))
        {
            return System.IO.Path.GetExtension(source).ToLowerInvariant() switch
            {
                ".json" => JsonExport.Read(source, options),
                ".xlsx" => XlsxExport.Read(source, options),
                var ext => throw new UsageException($"{source}: 请给出 CSV 文件夹、.json 或 .xlsx 文件 / give a folder of CSV files, a .json or an .xlsx file (not {ext})"),
            };
        }

        if (!Directory.Exists(source))
        {
            throw new UsageException($"{source}: 文件或文件夹不存在 / no such file or folder");
        }

        return CsvExport.Read(source, options);
    }
}
