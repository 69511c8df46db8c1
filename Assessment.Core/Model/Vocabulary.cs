using System.Runtime.CompilerServices;

namespace Assessment.Core.Model;

/// <summary>One vocabulary: for each value its Chinese label, its English code and the aliases the reader accepts.</summary>
/// <typeparam name="T">The enum the vocabulary maps to.</typeparam>
/// <remarks>Values are kept as their <see cref="int"/> numbers in collections shared by every vocabulary: a collection
/// of each enum type would be compiled once per enum when a process starts (ten of them cost the read about a tenth of
/// a second of JIT time).</remarks>
public sealed class Vocabulary<T> where T : struct, Enum
{
    private readonly Dictionary<string, int> _byWord;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _exactSpan;
    private readonly (string Zh, string En)?[] _labels;
    private readonly int[] _values;

    internal Vocabulary(params (T Value, string Zh, string En, string[] Aliases)[] entries)
    {
        if (Unsafe.SizeOf<T>() != sizeof(int))
        {
            throw new InvalidOperationException($"{typeof(T).Name}: a vocabulary maps to an enum of int");
        }

        _byWord = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _values = new int[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            _values[i] = Number(entries[i].Value);
        }

        Array.Sort(_values);
        _labels = new (string, string)?[_values[^1] + 1];
        foreach (var (value, zh, en, aliases) in entries)
        {
            var n = Number(value);
            _labels[n] = (zh, en);
            _byWord[zh] = n;
            _byWord[en] = n;
            foreach (var a in aliases)
            {
                _byWord[a] = n;
            }
        }

        _bySpan = _byWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _exactSpan = new Dictionary<string, int>(_byWord, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static int Number(T value) => Unsafe.BitCast<T, int>(value);

    private static T Value(int number) => Unsafe.BitCast<int, T>(number);

    /// <summary>Reads a word (already trimmed and NFKC-folded); English words are case-insensitive.</summary>
    public bool TryParse(string word, out T value)
    {
        var found = _byWord.TryGetValue(word, out var n);
        value = Value(n);
        return found;
    }

    /// <summary>Reads a word from a span, without making a string of it.</summary>
    internal bool TryParse(ReadOnlySpan<char> word, out T value)
    {
        // Spelled as listed (every Chinese word, and English in its usual case), without case-insensitive hashing,
        // which for Chinese text takes its slow path; else in any case.
        var found = _exactSpan.TryGetValue(word, out var n) || _bySpan.TryGetValue(word, out n);
        value = Value(n);
        return found;
    }

    /// <summary>The Chinese label of a value, e.g. 书记.</summary>
    public string Zh(T value) => Labels(value).Zh;

    /// <summary>The English code of a value, e.g. secretary.</summary>
    public string En(T value) => Labels(value).En;

    /// <summary>The label in the given language ("zh" or "en").</summary>
    public string Label(T value, string lang) => lang == "en" ? En(value) : Zh(value);

    /// <summary>Every value with its labels, in declaration order.</summary>
    public IReadOnlyList<(T Value, string Zh, string En)> Entries =>
        _values.Select(n => (Value(n), _labels[n]!.Value.Zh, _labels[n]!.Value.En)).ToArray();

    private (string Zh, string En) Labels(T value)
    {
        var n = Number(value);
        return (uint)n < (uint)_labels.Length && _labels[n] is { } labels
            ? labels
            : throw new KeyNotFoundException($"{typeof(T).Name}.{value} has no label");
    }
}

/// <summary>The vocabularies of the export format.</summary>
public static class Vocabularies
{
    /// <summary>Roles (角色).</summary>
    public static Vocabulary<MemberRole> Role { get; } = new(
        (MemberRole.Secretary, "书记", "secretary", ["党委书记", "党组书记", "第一责任人"]),
        (MemberRole.PropagandaLead, "分管宣传", "propaganda_lead", ["直接责任人", "宣传委员"]),
        (MemberRole.StudySecretary, "学习秘书", "study_secretary", []),
        (MemberRole.Member, "成员", "member", []));

    /// <summary>Session forms (形式).</summary>
    public static Vocabulary<SessionForm> Form { get; } = new(
        (SessionForm.Collective, "集体学习研讨", "collective", ["集体学习", "专题研讨"]),
        (SessionForm.Lecture, "专题辅导", "lecture", ["专家辅导", "辅导报告"]),
        (SessionForm.Field, "走出去", "field", ["实地调研", "现场教学", "参观学习"]),
        (SessionForm.Online, "网络学习", "online", ["视频学习"]));

    /// <summary>Content tags (内容标签) the rubric knows.</summary>
    public static Vocabulary<ContentTag> Tag { get; } = new(
        (ContentTag.InnovationTheory, "创新理论", "innovation_theory", ["新思想", "习近平新时代中国特色社会主义思想"]),
        (ContentTag.PartyRules, "党章党规党纪", "party_rules", []),
        (ContentTag.PartyHistory, "党史", "party_history", ["四史"]),
        (ContentTag.Law, "法律法规", "law", []));

    /// <summary>Attendance status (状态).</summary>
    public static Vocabulary<AttendanceStatus> Status { get; } = new(
        (AttendanceStatus.Present, "出席", "present", ["参加", "到会"]),
        (AttendanceStatus.Leave, "请假", "leave", []),
        (AttendanceStatus.Absent, "缺席", "absent", []));

    /// <summary>Speech kinds (类型).</summary>
    public static Vocabulary<SpeechKind> Speech { get; } = new(
        (SpeechKind.Keynote, "中心发言", "keynote", []),
        (SpeechKind.Discussion, "交流发言", "discussion", []),
        (SpeechKind.LeadReading, "领学", "lead_reading", []));

    /// <summary>Output kinds (类型).</summary>
    public static Vocabulary<OutputKind> Output { get; } = new(
        (OutputKind.ResearchReport, "调研报告", "research_report", []),
        (OutputKind.Article, "理论文章", "article", []),
        (OutputKind.Reflection, "心得体会", "reflection", []),
        (OutputKind.PartyLecture, "党课", "party_lecture", []),
        (OutputKind.Talk, "宣讲", "talk", []),
        (OutputKind.Conversion, "成果转化", "conversion", []));

    /// <summary>Publication levels (发表级别).</summary>
    public static Vocabulary<PublishedLevel> Level { get; } = new(
        (PublishedLevel.None, "无", "none", []),
        (PublishedLevel.County, "县级", "county", []),
        (PublishedLevel.City, "市级", "city", []),
        (PublishedLevel.Province, "省级", "province", []),
        (PublishedLevel.National, "国家级", "national", []));

    /// <summary>Document kinds (类型).</summary>
    public static Vocabulary<DocumentKind> Document { get; } = new(
        (DocumentKind.Plan, "学习计划", "plan", []),
        (DocumentKind.Rules, "学习制度", "rules", []),
        (DocumentKind.TopicSchedule, "专题安排", "topic_schedule", []),
        (DocumentKind.Summary, "年度总结", "summary", []),
        (DocumentKind.Archive, "学习档案", "archive", []),
        (DocumentKind.Bulletin, "通报", "bulletin", []),
        (DocumentKind.MemberReview, "述学考核", "member_review", []));

    /// <summary>Event kinds (类型).</summary>
    public static Vocabulary<EventKind> Event { get; } = new(
        (EventKind.SitIn, "列席旁听", "sit_in", []),
        (EventKind.Inspection, "督查指导", "inspection", []),
        (EventKind.Award, "获评先进", "award", []),
        (EventKind.Promoted, "经验推广", "promoted", []));

    /// <summary>Review findings (问题类型).</summary>
    public static Vocabulary<Finding> Finding { get; } = new(
        (Model.Finding.Falsification, "弄虚作假", "falsification", []),
        (Model.Finding.PoliticalIncident, "严重政治问题", "political_incident", []));
}
