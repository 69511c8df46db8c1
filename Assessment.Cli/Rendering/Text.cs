namespace Assessment.Cli.Rendering;

/// <summary>The words of the user interface in Chinese and English.</summary>
internal sealed class Text(string lang)
{
    public string Lang { get; } = lang;

    private string T(string zh, string en) => Lang == "en" ? en : zh;

    public string Unit => T("单位", "Unit");
    public string Year => T("年度", "Year");
    public string Profile => T("测评方案", "Rubric");
    public string Total => T("总分", "Total");
    public string Base => T("基础分", "Base");
    public string BonusWord => T("加分", "Bonus");
    public string Grade => T("等次", "Grade");
    public string Rank => T("排名", "Rank");
    public string Item => T("项目", "Item");
    public string Title => T("内容", "Title");
    public string Score => T("得分", "Score");
    public string Status => T("状态", "Status");
    public string Explanation => T("说明", "Explanation");
    public string Vetoes => T("一票否决", "Vetoes");
    public string Waivers => T("豁免", "Waivers");
    public string NeedsReview => T("待核实项目（导出数据中无相关记录）", "Items needing review (nothing in the export bears on them)");
    public string None => T("无", "none");
    public string Errors => T("错误", "Errors");
    public string Warnings => T("警告", "Warnings");
    public string InvalidUnits => T("未评分单位（数据有错误）", "Units not scored (row errors)");
    public string WithoutWaivers => T("不计豁免总分", "Total without waivers");
    public string Files => T("文件", "Files");
    public string RowsRead => T("各表行数", "Rows per table");
    public string UnitsRead(int total, int valid, int invalid) =>
        T($"读取单位 {total} 个：可评分 {valid} 个，有错误 {invalid} 个", $"{total} unit(s) read: {valid} valid, {invalid} with errors");
    public string Counts(int errors, int warnings) => T($"错误 {errors} 条，警告 {warnings} 条", $"{errors} error(s), {warnings} warning(s)");
    public string ValidateOk => T("校验通过，无错误。", "Valid: no errors.");
    public string ValidateFileErrors => T("文件错误，无法评分。", "File errors: nothing can be scored.");
    public string ApprovedBy => T("批准人", "approved by");
    public string Expires => T("截止", "expires");
    public string Never => T("长期", "never");
    public string Summary => T("汇总", "Summary");
}
