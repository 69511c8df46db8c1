namespace Assessment.Core.Diagnostics;

/// <summary>Every message the reader and the scorer emit, in Chinese and English. One place, so every output uses the same words.</summary>
public static class Messages
{
#pragma warning disable CS1591 // the names say what they are; the texts are below
    public static readonly MessageTemplate FileUnreadable = new("file-unreadable", "无法读取文件：{0}", "cannot read the file: {0}");
    public static readonly MessageTemplate BadEncoding = new("bad-encoding", "文件不是 {0} 编码，无法解码", "the file is not valid {0} and cannot be decoded");
    public static readonly MessageTemplate NotCsv = new("not-csv", "不是 CSV 文件（含有二进制内容）", "not a CSV file (it holds binary content)");
    public static readonly MessageTemplate MissingTable = new("missing-table", "缺少必需的表 {0}", "the required table {0} is missing");
    public static readonly MessageTemplate EmptyFile = new("empty-file", "文件为空，按无数据处理", "the file is empty; read as having no rows");
    public static readonly MessageTemplate UnknownFile = new("unknown-file", "文件名不是导出数据中的表，未读取；表为：{0}", "the file name is not a table of the export; not read. The tables: {0}");
    public static readonly MessageTemplate TableTwice = new("table-twice", "表 {0} 同时存在 {1} 和 {2}", "table {0} is given twice: {1} and {2}");
    public static readonly MessageTemplate MissingColumn = new("missing-column", "缺少必需列 {0}（{1}）", "the required column {0} ({1}) is missing");
    public static readonly MessageTemplate DuplicateColumn = new("duplicate-column", "列 {0} 出现多次", "the column {0} appears more than once");
    public static readonly MessageTemplate UnknownColumn = new("unknown-column", "未知列“{0}”，不参与评分", "unknown column '{0}' is not used for scoring");
    public static readonly MessageTemplate UnterminatedQuote = new("unterminated-quote", "引号未闭合，记录延续到文件末尾", "a quoted field is never closed; the record runs to the end of the file");
    public static readonly MessageTemplate TextAfterQuote = new("text-after-quote", "闭合引号后还有文字", "text after the closing quote of a field");
    public static readonly MessageTemplate TooManyFields = new("too-many-fields", "字段数 {0} 多于表头列数 {1}", "{0} fields, more than the {1} columns of the header");
    public static readonly MessageTemplate Required = new("required", "必填项为空", "a required value is blank");
    public static readonly MessageTemplate BadDate = new("bad-date", "无法识别的日期“{0}”", "'{0}' is not a date");
    public static readonly MessageTemplate BadBoolean = new("bad-boolean", "无法识别的是否值“{0}”", "'{0}' is not a yes/no value");
    public static readonly MessageTemplate BadWholeNumber = new("bad-number", "“{0}”不是 {1} 到 {2} 之间的整数", "'{0}' is not a whole number from {1} to {2}");
    public static readonly MessageTemplate BadRate = new("bad-rate", "“{0}”不是 0 到 1（或 0% 到 100%）之间的比率", "'{0}' is not a rate from 0 to 1 (0% to 100%)");
    public static readonly MessageTemplate UnknownWord = new("unknown-word", "“{0}”不是 {1} 的可用取值", "'{0}' is not a known {1}");
    public static readonly MessageTemplate DuplicateId = new("duplicate-id", "编号“{0}”重复（首次出现在第 {1} 行）", "duplicate id '{0}' (first on line {1})");
    public static readonly MessageTemplate DuplicatePair = new("duplicate-pair", "学习 {0} 成员 {1} 的考勤重复（首次出现在第 {2} 行）", "duplicate attendance for session {0} and member {1} (first on line {2})");
    public static readonly MessageTemplate UnknownUnit = new("unknown-unit", "单位“{0}”不在 units.csv 中", "unit '{0}' is not in units.csv");
    public static readonly MessageTemplate UnknownSession = new("unknown-session", "学习“{0}”不属于该单位", "session '{0}' is not a session of this unit");
    public static readonly MessageTemplate UnknownMember = new("unknown-member", "成员“{0}”不属于该单位", "member '{0}' is not a member of this unit");
    public static readonly MessageTemplate SecondSecretary = new("second-secretary", "第二位书记“{0}”（已有“{1}”）", "a second secretary '{0}' (already '{1}')");
    public static readonly MessageTemplate UnknownPerson = new("unknown-person", "“{0}”不是该单位 members.csv 中的人员，按原值保留", "'{0}' names nobody in members.csv for this unit; kept as given");
    public static readonly MessageTemplate SessionOutOfYear = new("session-out-of-year", "学习日期 {0} 不在 {1} 年度内，不计入", "session date {0} is outside the year {1}; not counted");
    public static readonly MessageTemplate OutOfYear = new("out-of-year", "日期 {0} 不在 {1} 年度内，不计入", "date {0} is outside the year {1}; not counted");
    public static readonly MessageTemplate BlankDateInYear = new("blank-date", "日期为空，按 {0} 年度内计算", "the date is blank; counted as in the year {0}");
    public static readonly MessageTemplate BlankDocDate = new("blank-doc-date", "文件日期为空，按文件时限内计算", "the document date is blank; counted as inside the document window");
    public static readonly MessageTemplate MissingAttendance = new("missing-attendance", "学习“{0}”缺少 {1} 名成员的考勤记录，按缺席计", "session '{0}' has no attendance rows for {1} member(s); counted absent");
    public static readonly MessageTemplate WaiverUnknownItem = new("waiver-unknown-item", "豁免的项目“{0}”不是测评细则中的评分项", "the waiver names '{0}', which is not a scored item of the rubric");
    public static readonly MessageTemplate WaiverNotWaivable = new("waiver-not-waivable", "否决项、加分项“{0}”不能豁免", "'{0}' is a veto or bonus item and cannot be waived");
    public static readonly MessageTemplate WaiverExpired = new("waiver-expired", "豁免 {0} 已于 {1} 到期，不予适用", "the waiver of {0} expired on {1} and is ignored");
    public static readonly MessageTemplate BadJson = new("bad-json", "不是有效的 JSON：{0}", "not valid JSON: {0}");
    public static readonly MessageTemplate JsonShape = new("json-shape", "JSON 结构不符：{0}", "unexpected JSON structure: {0}");
    public static readonly MessageTemplate NotAValue = new("not-a-value", "应为单个值，而不是{0}", "expected a single value, not {0}");
    public static readonly MessageTemplate UnknownProperty = new("unknown-property", "未知属性“{0}”，不参与评分", "unknown property '{0}' is not used for scoring");
    public static readonly MessageTemplate ParentConflict = new("parent-conflict", "“{0}”与所属上级的“{1}”不一致", "'{0}' differs from '{1}' of the enclosing object");
    public static readonly MessageTemplate BadXlsx = new("bad-xlsx", "不是有效的 Excel 工作簿（.xlsx）：{0}", "not a valid Excel workbook (.xlsx): {0}");
    public static readonly MessageTemplate UnknownSheet = new("unknown-sheet", "未知工作表“{0}”，不参与评分", "unknown sheet '{0}' is not used for scoring");
    public static readonly MessageTemplate FileTooLarge = new("file-too-large", "文件大小 {0} 字节，超过上限 {1} 字节", "the file is {0} bytes, over the limit of {1} bytes");
    public static readonly MessageTemplate FileOverLimit = new("file-over-limit", "文件超过上限 {0} 字节，未读取", "the file holds more than the limit of {0} bytes; not read");
    public static readonly MessageTemplate NotRegularFile = new("not-regular-file", "不是普通文件（而是管道或设备），未读取", "not a regular file (a pipe or a device); not read");
    public static readonly MessageTemplate RecordTooLarge = new("record-too-large", "一条记录超过 {0} 字节（是否有未闭合的引号？），文件其余部分未读取", "a record is over {0} bytes (an unclosed quote?); the rest of the file was not read");
    public static readonly MessageTemplate FieldTooLong = new("field-too-long", "字段长度 {0} 超过上限 {1}", "a field of {0} characters is over the limit of {1}");
    public static readonly MessageTemplate TooManyRows = new("too-many-rows", "行数超过上限 {0}，其余行未读取", "over {0} rows; the rest were not read");
#pragma warning restore CS1591
}
