using System.Globalization;

namespace ExpertNetwork.Web.Localisation;

/// <summary>
/// Every string people read, in Vietnamese (the default) and English. Kept in code rather than .resx
/// so a missing translation is a failing test, not a silently English page.
/// </summary>
public sealed class Texts
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Languages = [Vietnamese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;

    public string this[string key] => Get(key);

    public string Format(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    public string Field(string field) => Entries.ContainsKey("field." + field) ? Get("field." + field) : field;

    public string Degree(string? degree) => degree is not null && Entries.ContainsKey("degree." + degree) ? Get("degree." + degree) : degree ?? "";

    public string Engagement(string engagement) => Entries.ContainsKey("engagement." + engagement) ? Get("engagement." + engagement) : engagement;

    public string Location(string location) => Entries.ContainsKey("location." + location) ? Get("location." + location) : location;

    public string Role(string role) => Entries.ContainsKey("role." + role) ? Get("role." + role) : role;

    /// <summary>A matching factor's name; the families of similarity features share one name per family.</summary>
    public string Factor(string feature, string fallback)
    {
        var key = "factor." + feature;
        if (!Entries.ContainsKey(key))
        {
            key = "factor." + feature.Split('_')[0];
        }

        return Entries.ContainsKey(key) ? Get(key) : fallback;
    }

    public string Status(string status) => Entries.ContainsKey("status." + status) ? Get("status." + status) : status;

    /// <summary>Country names: Vietnamese for the places the diaspora lives, else the English name .NET knows.</summary>
    public string Country(string? code)
    {
        if (string.IsNullOrEmpty(code) || code == "??")
        {
            return Get("location.unknown");
        }

        if (!IsEnglish && CountriesVi.TryGetValue(code, out var vietnamese))
        {
            return vietnamese;
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    public string Language(string code)
    {
        if (!IsEnglish && LanguagesVi.TryGetValue(code, out var vietnamese))
        {
            return vietnamese;
        }

        try
        {
            return CultureInfo.GetCultureInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    public static IReadOnlyDictionary<string, (string Vi, string En)> Entries { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["app.name"] = ("Mạng lưới chuyên gia Bình Định", "Bình Định Expert Network"),
        ["app.tagline"] = ("Kết nối nhân tài gốc Bình Định (nay thuộc tỉnh Gia Lai) trong và ngoài nước", "Connecting talent from Bình Định (now part of Gia Lai province) at home and abroad"),
        ["app.footer"] = ("Sở Khoa học và Công nghệ · Dữ liệu chuyên gia được dùng theo sự đồng ý của từng người", "Department of Science and Technology · Expert data is used as each person consented"),
        ["nav.main"] = ("Điều hướng chính", "Main navigation"),
        ["nav.home"] = ("Trang chủ", "Home"),
        ["nav.search"] = ("Tìm chuyên gia", "Find experts"),
        ["nav.match"] = ("Tìm theo nhu cầu", "Match a need"),
        ["match.title"] = ("Tìm chuyên gia theo nhu cầu", "Match a need"),
        ["match.lead"] = ("Dán mô tả dự án, lời mời thu hút nhân tài hoặc chủ đề báo cáo; hệ thống xếp hạng chuyên gia phù hợp và giải thích vì sao.", "Paste a project, a talent call or a speaker topic; the experts are ranked by fit, with the reasons."),
        ["match.status.trained"] = ("Mô hình đã huấn luyện: {0}. Đã nhúng {1} văn bản, còn {2} đang xử lý; chuyên gia chưa nhúng được xếp theo các đặc trưng khác.", "Trained model: {0}. {1} texts embedded, {2} still in progress; experts not yet embedded are ranked on their other features."),
        ["match.status.fallback"] = ("Chưa có mô hình đã huấn luyện: đang dùng cách chấm điểm không giám sát. Đã nhúng {1} văn bản, còn {2} đang xử lý.", "No trained model: matching uses the unsupervised scorer. {1} texts embedded, {2} still in progress."),
        ["match.kind"] = ("Loại nhu cầu", "Kind of need"),
        ["kind.project"] = ("Dự án", "Project"),
        ["kind.talent"] = ("Thu hút nhân tài", "Talent call"),
        ["kind.speaker"] = ("Diễn giả", "Speaker topic"),
        ["match.text"] = ("Mô tả nhu cầu", "The need"),
        ["match.placeholder"] = ("Ví dụ: Xây dựng trung tâm an ninh mạng cho Khu kinh tế Nhơn Hội…", "E.g. A cybersecurity operations centre for the Nhơn Hội economic zone…"),
        ["match.options"] = ("Tùy chọn thêm", "More options"),
        ["match.location"] = ("Nơi ở", "Location"),
        ["match.anywhere"] = ("Bất kỳ đâu", "Anywhere"),
        ["match.languages"] = ("Ngôn ngữ (mã, cách nhau bởi dấu phẩy)", "Languages (codes, comma separated)"),
        ["match.submit"] = ("Tìm chuyên gia", "Find experts"),
        ["match.results"] = ("{0} chuyên gia phù hợp", "{0} matching experts"),
        ["match.none"] = ("Không tìm thấy chuyên gia phù hợp.", "No matching experts."),
        ["match.score"] = ("Mức phù hợp", "Fit"),
        ["match.scoreHelp"] = ("Từ 0 đến 1; cùng thang cho mọi nhu cầu", "From 0 to 1, on the same scale for every need"),
        ["match.why"] = ("Các yếu tố ảnh hưởng đến điểm của {0}", "What moved {0}'s score"),
        ["match.chart"] = ("Yếu tố ảnh hưởng đến điểm", "What moved the score"),
        ["match.skills"] = ("Kỹ năng khớp", "Matched skills"),
        ["match.publications"] = ("Công bố gần nhất với nhu cầu", "Closest publications"),
        ["match.similarity"] = ("độ tương đồng", "similarity"),
        ["match.fields"] = ("Lĩnh vực", "Fields"),
        ["match.fieldsInferred"] = ("Lĩnh vực (suy đoán)", "Fields (inferred)"),
        ["match.model"] = ("Mô hình", "Model"),
        ["match.error.text"] = ("Hãy nhập mô tả nhu cầu (tối đa 4000 ký tự).", "Describe the need (at most 4000 characters)."),
        ["match.error.kind"] = ("Loại nhu cầu không hợp lệ.", "Unknown kind of need."),
        ["match.error.fields"] = ("Lĩnh vực không hợp lệ.", "Unknown field."),
        ["match.error.location"] = ("Nơi ở không hợp lệ.", "Unknown location."),
        ["match.error.languages"] = ("Mã ngôn ngữ không hợp lệ (ví dụ: vi, en).", "Unknown language code (e.g. vi, en)."),
        ["match.error.engagement"] = ("Hình thức hợp tác không hợp lệ.", "Unknown engagement."),
        ["match.error.top"] = ("Số kết quả không hợp lệ.", "Invalid number of results."),
        ["factor.emb"] = ("Ý nghĩa gần với công bố", "Publications close in meaning"),
        ["factor.tfidf"] = ("Từ ngữ chung với công bố", "Words shared with publications"),
        ["factor.bm25"] = ("Từ khóa xuất hiện trong hồ sơ", "Terms found in the profile"),
        ["factor.keyword_match"] = ("Kỹ năng yêu cầu có trong hồ sơ", "Requested skills found"),
        ["factor.field_agreement"] = ("Cùng lĩnh vực", "Same field"),
        ["factor.field_agreement_inferred"] = ("Có thể cùng lĩnh vực", "Probably the same field"),
        ["factor.fields_declared"] = ("Lĩnh vực được khai báo", "Fields declared"),
        ["factor.recency"] = ("Công trình liên quan gần đây", "Recent relevant work"),
        ["factor.publications"] = ("Số công bố", "Number of publications"),
        ["factor.h_index"] = ("Chỉ số h", "h-index"),
        ["factor.degree"] = ("Học vị", "Degree"),
        ["factor.location_fit"] = ("Nơi ở", "Location"),
        ["factor.language_fit"] = ("Ngôn ngữ", "Languages"),
        ["factor.engagement_fit"] = ("Sẵn sàng hợp tác theo hình thức này", "Willing to engage this way"),
        ["nav.events"] = ("Hội nghị", "Events"),
        ["events.title"] = ("Hội nghị và diễn giả", "Events and speakers"),
        ["events.create"] = ("Tạo hội nghị", "Create event"),
        ["events.name"] = ("Tên hội nghị", "Event name"),
        ["events.starts"] = ("Ngày bắt đầu", "Starts"),
        ["events.ends"] = ("Ngày kết thúc", "Ends"),
        ["events.topics"] = ("Chủ đề (mỗi dòng một chủ đề)", "Topics (one per line)"),
        ["events.organisers"] = ("Ban tổ chức: mã chuyên gia trong danh bạ (mỗi dòng một mã)", "Organisers: expert ids in the directory (one per line)"),
        ["events.none"] = ("Chưa có hội nghị nào.", "No events yet."),
        ["events.invalid"] = ("Hãy kiểm tra tên, ngày (yyyy-MM-dd), chủ đề và mã ban tổ chức.", "Check the name, the dates (yyyy-MM-dd), the topics and the organiser ids."),
        ["events.back"] = ("Tất cả hội nghị", "All events"),
        ["events.finder"] = ("Tìm diễn giả", "Speaker finder"),
        ["events.topic"] = ("Chủ đề phiên", "Session topic"),
        ["events.count"] = ("Số diễn giả", "Number of speakers"),
        ["events.abroad"] = ("Tỷ lệ tối thiểu từ nước ngoài (%)", "Minimum share from abroad (%)"),
        ["events.perAffiliation"] = ("Tối đa mỗi cơ quan", "At most per affiliation"),
        ["events.gender"] = ("Cân bằng giới: không áp dụng — định dạng dữ liệu chung không có trường giới tính, nên giới tính không được công bố và ràng buộc này không được áp dụng.", "Gender balance: not applied — the shared format has no gender field, so gender is not disclosed and this constraint is not applied."),
        ["events.find"] = ("Tìm diễn giả", "Find speakers"),
        ["events.speakers"] = ("Đề xuất diễn giả ({0} từ nước ngoài)", "Suggested speakers ({0} from abroad)"),
        ["events.excluded"] = ("Loại do xung đột lợi ích", "Excluded for conflicts of interest"),
        ["events.reason.organiser"] = ("thuộc ban tổ chức", "an organiser"),
        ["events.reason.coauthor"] = ("đồng tác giả với ban tổ chức", "co-author of an organiser"),
        ["events.reason.affiliation"] = ("cùng cơ quan với ban tổ chức", "same affiliation as an organiser"),
        ["events.invite"] = ("Thêm vào danh sách mời", "Add to invitations"),
        ["events.invitations"] = ("Danh sách mời", "Invitations"),
        ["events.noInvitations"] = ("Chưa mời ai.", "No invitations yet."),
        ["events.export"] = ("Tải CSV", "Download CSV"),
        ["events.save"] = ("Lưu", "Save"),
        ["events.remove"] = ("Bỏ", "Remove"),
        ["events.saved"] = ("Đã lưu.", "Saved."),
        ["events.unlisted"] = ("(hồ sơ đã ẩn)", "(profile unlisted)"),
        ["invitation.draft"] = ("Nháp", "Draft"),
        ["invitation.invited"] = ("Đã mời", "Invited"),
        ["invitation.accepted"] = ("Nhận lời", "Accepted"),
        ["invitation.declined"] = ("Từ chối", "Declined"),
        ["nav.stats"] = ("Thống kê", "Statistics"),
        ["nav.shortlists"] = ("Danh sách chọn", "Shortlists"),
        ["nav.users"] = ("Tài khoản", "Accounts"),
        ["nav.docs"] = ("API", "API"),
        ["nav.me"] = ("Hồ sơ của tôi", "My profile"),
        ["me.title"] = ("Hồ sơ của tôi", "My profile"),
        ["me.claim.lead"] = ("Tài khoản của bạn chưa gắn với hồ sơ nào. Nhập mã hồ sơ hoặc tìm theo tên; chúng tôi sẽ gửi liên kết xác nhận tới email ghi trong hồ sơ.", "Your account is not linked to a profile yet. Enter the profile id or find it by name; we send a confirmation link to the email on the profile."),
        ["me.claim.id"] = ("Mã hồ sơ", "Profile id"),
        ["me.claim.submit"] = ("Gửi liên kết xác nhận", "Send the confirmation link"),
        ["me.claim.byName"] = ("Tìm theo tên", "Find by name"),
        ["me.claim.Sent"] = ("Đã gửi liên kết xác nhận tới {0}. Liên kết có hiệu lực 24 giờ.", "A confirmation link was sent to {0}. It is valid for 24 hours."),
        ["me.claim.NoEmail"] = ("Hồ sơ này chưa có email. Hãy liên hệ quản trị viên để được gắn hồ sơ.", "This profile has no email address. Ask an admin to link it to your account."),
        ["me.claim.NotFound"] = ("Không tìm thấy hồ sơ này.", "No such profile."),
        ["me.claim.Taken"] = ("Hồ sơ này đã có người nhận. Nếu đó là hồ sơ của bạn, hãy liên hệ quản trị viên.", "This profile is already claimed. If it is yours, contact an admin."),
        ["me.claim.AlreadyClaimed"] = ("Tài khoản của bạn đã gắn với một hồ sơ.", "Your account already has a profile."),
        ["me.verify.title"] = ("Xác nhận hồ sơ", "Confirm your profile"),
        ["me.verify.Claimed"] = ("Hồ sơ đã được gắn với tài khoản của bạn.", "The profile is now linked to your account."),
        ["me.verify.InvalidToken"] = ("Liên kết không hợp lệ, đã được dùng hoặc dành cho tài khoản khác.", "The link is invalid, already used or meant for another account."),
        ["me.verify.Expired"] = ("Liên kết đã hết hạn. Hãy yêu cầu liên kết mới.", "The link has expired. Ask for a new one."),
        ["me.verify.ProfileTaken"] = ("Hồ sơ này đã có người nhận.", "This profile is already claimed."),
        ["me.verify.UserHasProfile"] = ("Tài khoản của bạn đã gắn với một hồ sơ.", "Your account already has a profile."),
        ["me.verify.ProfileMissing"] = ("Hồ sơ không còn tồn tại.", "The profile no longer exists."),
        ["me.field.fullName"] = ("Họ và tên", "Full name"),
        ["me.field.headline"] = ("Chức danh, giới thiệu ngắn", "Headline"),
        ["me.field.affiliation"] = ("Đơn vị công tác", "Affiliation"),
        ["me.field.country"] = ("Quốc gia (mã, ví dụ VN)", "Country (code, e.g. VN)"),
        ["me.field.city"] = ("Thành phố", "City"),
        ["me.field.hometown"] = ("Quê quán", "Hometown"),
        ["me.field.languages"] = ("Ngôn ngữ (mã, cách nhau bởi dấu phẩy)", "Languages (codes, comma separated)"),
        ["me.field.degree"] = ("Học vị (bachelor, engineer, master, phd, dsc)", "Degree (bachelor, engineer, master, phd, dsc)"),
        ["me.field.hIndex"] = ("Chỉ số h", "h-index"),
        ["me.field.email"] = ("Email", "Email"),
        ["me.field.orcid"] = ("ORCID", "ORCID"),
        ["me.consent"] = ("Đồng ý", "Consent"),
        ["me.consent.listed"] = ("Công khai hồ sơ trong danh bạ", "List my profile in the directory"),
        ["me.consent.contact"] = ("Cho phép hiển thị email liên hệ", "Show my contact email"),
        ["me.remove"] = ("Gỡ", "Remove"),
        ["me.save"] = ("Lưu hồ sơ", "Save profile"),
        ["me.saved"] = ("Đã lưu hồ sơ.", "Profile saved."),
        ["me.invalid"] = ("Có trường chưa hợp lệ; xem thông báo bên cạnh từng trường.", "Some fields are not valid; see the message beside each."),
        ["me.conflict"] = ("Hồ sơ vừa được thay đổi ở nơi khác. Dưới đây là bản mới nhất; hãy nhập lại thay đổi của bạn.", "The profile was changed elsewhere meanwhile. The newer version is shown below; make your change again."),
        ["me.hints"] = ("Gợi ý hoàn thiện hồ sơ", "Completeness hints"),
        ["me.hint.headline"] = ("Thêm chức danh hoặc giới thiệu ngắn.", "Add a headline."),
        ["me.hint.keywords"] = ("Thêm từ khóa chuyên môn để được tìm thấy.", "Add expertise keywords so people find you."),
        ["me.hint.fields"] = ("Chọn lĩnh vực.", "Pick your fields."),
        ["me.hint.publications"] = ("Chưa có công bố nào.", "No publications yet."),
        ["me.hint.orcid"] = ("Thêm ORCID iD.", "Add your ORCID iD."),
        ["me.hint.bio"] = ("Viết vài dòng giới thiệu.", "Write a short bio."),
        ["me.hint.engagement"] = ("Cho biết bạn sẵn sàng hợp tác theo hình thức nào.", "Say how you are open to engage."),
        ["me.preview"] = ("Người khác nhìn thấy hồ sơ như sau", "How others see your profile"),
        ["me.preview.unlisted"] = ("Hồ sơ đang ẩn: chỉ quản trị viên nhìn thấy.", "Unlisted: only admins can see it."),
        ["me.import"] = ("Nhập công bố từ tệp", "Import publications from a file"),
        ["me.import.lead"] = ("Tệp BibTeX (.bib, từ Google Scholar, Zotero, JabRef…) hoặc tệp JSON xuất từ hồ sơ ORCID công khai. Công bố đã có (trùng DOI hoặc tên bài) được bỏ qua.", "A BibTeX file (.bib, from Google Scholar, Zotero, JabRef…) or the JSON export of your public ORCID record. Publications already listed (same DOI or title) are left out."),
        ["me.import.file"] = ("Tệp", "File"),
        ["me.import.submit"] = ("Nhập", "Import"),
        ["me.import.result"] = ("Đã thêm {0}, đã có sẵn {1}, bỏ qua {2}.", "{0} added, {1} already there, {2} skipped."),
        ["me.import.invalid"] = ("Tệp có lỗi nên chưa nhập gì. Hãy sửa các mục sau rồi thử lại:", "The file has errors, so nothing was imported. Fix these entries and try again:"),
        ["me.import.noFile"] = ("Hãy chọn một tệp .bib hoặc .json (UTF-8, tối đa {0} KB).", "Choose a .bib or .json file (UTF-8, at most {0} KB)."),
        ["me.data"] = ("Dữ liệu của tôi", "My data"),
        ["me.export"] = ("Tải toàn bộ dữ liệu (JSON)", "Download all my data (JSON)"),
        ["me.delete"] = ("Xóa tài khoản và hồ sơ", "Delete my account and profile"),
        ["me.delete.confirm"] = ("Tôi hiểu việc xóa không thể hoàn tác.", "I understand this cannot be undone."),
        ["me.delete.confirmNeeded"] = ("Hãy đánh dấu xác nhận trước khi xóa.", "Tick the confirmation before deleting."),
        ["me.deleted"] = ("Đã xóa tài khoản và hồ sơ.", "Your account and profile were deleted."),
        ["nav.signIn"] = ("Đăng nhập", "Sign in"),
        ["nav.register"] = ("Đăng ký", "Register"),
        ["nav.signOut"] = ("Đăng xuất", "Sign out"),
        ["lang.other"] = ("English", "Tiếng Việt"),
        ["lang.otherCode"] = ("en", "vi"),

        ["home.title"] = ("Chào mừng", "Welcome"),
        ["home.intro"] = ("Danh bạ các nhà khoa học, kỹ sư và chuyên gia có gắn bó với Bình Định, để tỉnh tìm đúng người cho dự án, chương trình thu hút nhân tài và hội nghị ICISE.", "A directory of scientists, engineers and experts with ties to Bình Định, so the province can find the right people for projects, talent programmes and the ICISE conferences."),
        ["home.signedInAs"] = ("Bạn đang đăng nhập với vai trò {0}.", "You are signed in as {0}."),
        ["home.anonymous"] = ("Hãy đăng nhập để tìm kiếm chuyên gia. Nhà nghiên cứu có thể tự đăng ký tài khoản.", "Sign in to search the directory. Researchers may register an account themselves."),
        ["home.researcher"] = ("Nhận và cập nhật hồ sơ của bạn tại trang Hồ sơ của tôi.", "Claim and update your profile on the My profile page."),

        ["signIn.title"] = ("Đăng nhập", "Sign in"),
        ["signIn.email"] = ("Email", "Email"),
        ["signIn.password"] = ("Mật khẩu", "Password"),
        ["signIn.submit"] = ("Đăng nhập", "Sign in"),
        ["signIn.failed"] = ("Email hoặc mật khẩu không đúng.", "Wrong email or password."),
        ["signIn.noAccount"] = ("Chưa có tài khoản?", "No account yet?"),
        ["register.title"] = ("Đăng ký tài khoản nhà nghiên cứu", "Register as a researcher"),
        ["register.displayName"] = ("Họ và tên", "Full name"),
        ["register.confirm"] = ("Nhập lại mật khẩu", "Repeat the password"),
        ["register.submit"] = ("Đăng ký", "Register"),
        ["register.mismatch"] = ("Hai mật khẩu không khớp.", "The two passwords differ."),
        ["register.passwordHint"] = ("Ít nhất {0} ký tự.", "At least {0} characters."),
        ["denied.title"] = ("Không có quyền truy cập", "Access denied"),
        ["denied.body"] = ("Vai trò của bạn không được dùng trang này.", "Your role may not use this page."),

        ["error.InvalidEmail"] = ("Địa chỉ email không hợp lệ.", "That is not a valid email address."),
        ["error.PasswordTooShort"] = ("Mật khẩu quá ngắn.", "The password is too short."),
        ["error.PasswordTooLong"] = ("Mật khẩu quá dài.", "The password is too long."),
        ["error.EmailTaken"] = ("Không thể dùng địa chỉ email này.", "This email address cannot be used."),
        ["error.UnknownRole"] = ("Vai trò không hợp lệ.", "Unknown role."),
        ["error.LastAdmin"] = ("Không thể bỏ quyền quản trị của quản trị viên cuối cùng.", "The last admin cannot lose the admin role."),
        ["error.NotFound"] = ("Không tìm thấy.", "Not found."),
        ["error.title"] = ("Lỗi {0}", "Error {0}"),
        ["error.404"] = ("Không tìm thấy trang hoặc hồ sơ này.", "This page or profile does not exist."),
        ["error.403"] = ("Bạn không có quyền xem trang này.", "You may not see this page."),
        ["error.429"] = ("Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.", "Too many requests. Please try again in a few minutes."),
        ["error.400"] = ("Yêu cầu không hợp lệ. Hãy tải lại trang và thử lại.", "Bad request. Reload the page and try again."),
        ["error.other"] = ("Đã có lỗi xảy ra.", "Something went wrong."),

        ["users.title"] = ("Quản lý tài khoản", "Manage accounts"),
        ["users.create"] = ("Tạo tài khoản", "Create an account"),
        ["users.email"] = ("Email", "Email"),
        ["users.name"] = ("Tên", "Name"),
        ["users.role"] = ("Vai trò", "Role"),
        ["users.since"] = ("Tạo lúc", "Created"),
        ["users.changeRole"] = ("Đổi vai trò", "Change role"),
        ["users.created"] = ("Đã tạo tài khoản {0}.", "Created the account {0}."),
        ["users.roleChanged"] = ("Đã đổi vai trò.", "Role changed."),
        ["role.admin"] = ("quản trị viên", "admin"),
        ["role.recruiter"] = ("nhà tuyển dụng", "recruiter"),
        ["role.organiser"] = ("ban tổ chức ICISE", "ICISE organiser"),
        ["role.researcher"] = ("nhà nghiên cứu", "researcher"),

        ["search.title"] = ("Tìm chuyên gia", "Find experts"),
        ["search.label"] = ("Tên, lĩnh vực, kỹ năng hoặc chủ đề", "Name, field, skill or topic"),
        ["search.placeholder"] = ("ví dụ: an ninh mạng, thiết kế vi mạch, Nguyễn Văn An", "e.g. cybersecurity, chip design, Nguyen Van An"),
        ["search.submit"] = ("Tìm", "Search"),
        ["search.results"] = ("{0} chuyên gia", "{0} experts"),
        ["search.none"] = ("Không có chuyên gia nào khớp. Hãy thử từ khác hoặc bỏ bớt bộ lọc.", "No expert matches. Try other words or fewer filters."),
        ["search.sort"] = ("Sắp xếp", "Sort by"),
        ["sort.relevance"] = ("Mức độ phù hợp", "Relevance"),
        ["sort.name"] = ("Tên", "Name"),
        ["sort.hindex"] = ("Chỉ số h", "h-index"),
        ["search.filters"] = ("Bộ lọc", "Filters"),
        ["search.apply"] = ("Áp dụng bộ lọc", "Apply filters"),
        ["search.clear"] = ("Xoá bộ lọc", "Clear filters"),
        ["search.prev"] = ("Trang trước", "Previous"),
        ["search.next"] = ("Trang sau", "Next"),
        ["search.page"] = ("Trang {0}/{1}", "Page {0} of {1}"),
        ["search.pages"] = ("Phân trang", "Pages"),
        ["search.addTo"] = ("Thêm vào danh sách", "Add to shortlist"),
        ["search.matches"] = ("Khớp ở", "Matches in"),
        ["search.suggestions"] = ("Gợi ý tên", "Name suggestions"),
        ["facet.field"] = ("Lĩnh vực", "Field"),
        ["facet.country"] = ("Quốc gia", "Country"),
        ["facet.location"] = ("Nơi sống", "Lives"),
        ["facet.degree"] = ("Học vị", "Degree"),
        ["facet.engagement"] = ("Hình thức hợp tác", "Engagement"),
        ["facet.language"] = ("Ngôn ngữ", "Language"),
        ["highlight.fullName"] = ("Tên", "Name"),
        ["highlight.otherNames"] = ("Tên khác", "Other names"),
        ["highlight.headline"] = ("Chức danh", "Headline"),
        ["highlight.affiliation"] = ("Đơn vị", "Affiliation"),
        ["highlight.keywords"] = ("Từ khoá", "Keywords"),
        ["highlight.bio"] = ("Giới thiệu", "Bio"),
        ["highlight.publications"] = ("Công bố", "Publications"),

        ["profile.otherNames"] = ("Tên khác", "Other names"),
        ["profile.affiliation"] = ("Đơn vị công tác", "Affiliation"),
        ["profile.location"] = ("Nơi sống", "Lives in"),
        ["profile.hometown"] = ("Quê quán", "Hometown"),
        ["profile.fields"] = ("Lĩnh vực", "Fields"),
        ["profile.keywords"] = ("Chuyên môn", "Expertise"),
        ["profile.languages"] = ("Ngôn ngữ", "Languages"),
        ["profile.degree"] = ("Học vị", "Degree"),
        ["profile.hIndex"] = ("Chỉ số h", "h-index"),
        ["profile.engagement"] = ("Sẵn sàng hợp tác", "Open to"),
        ["profile.bio"] = ("Giới thiệu", "About"),
        ["profile.contact"] = ("Liên hệ", "Contact"),
        ["profile.emailHidden"] = ("Chuyên gia chưa đồng ý công khai thông tin liên hệ.", "The expert has not agreed to share contact details."),
        ["profile.orcid"] = ("ORCID", "ORCID"),
        ["profile.publications"] = ("Công bố khoa học", "Publications"),
        ["profile.noPublications"] = ("Chưa có công bố nào.", "No publications yet."),
        ["profile.unlisted"] = ("Hồ sơ không công khai: chỉ quản trị viên nhìn thấy.", "Unlisted profile: only admins can see it."),
        ["profile.list"] = ("Công khai hồ sơ", "List this profile"),
        ["profile.unlist"] = ("Ẩn hồ sơ", "Unlist this profile"),
        ["profile.listingChanged"] = ("Đã cập nhật trạng thái công khai.", "Listing updated."),
        ["profile.details"] = ("Thông tin", "Details"),
        ["profile.added"] = ("Đã thêm vào danh sách.", "Added to the shortlist."),

        ["location.province"] = ("Trong tỉnh", "In the province"),
        ["location.vietnam"] = ("Nơi khác ở Việt Nam", "Elsewhere in Vietnam"),
        ["location.abroad"] = ("Nước ngoài", "Abroad"),
        ["location.unknown"] = ("Chưa rõ", "Unknown"),

        ["field.semiconductor"] = ("Bán dẫn", "Semiconductors"),
        ["field.ai"] = ("Trí tuệ nhân tạo", "Artificial intelligence"),
        ["field.cybersecurity"] = ("An ninh mạng", "Cybersecurity"),
        ["field.biotech"] = ("Công nghệ sinh học", "Biotechnology"),
        ["field.space"] = ("Công nghệ vũ trụ", "Space technology"),
        ["field.energy"] = ("Năng lượng", "Energy"),
        ["field.materials"] = ("Vật liệu", "Materials"),
        ["field.physics"] = ("Vật lý", "Physics"),
        ["field.mathematics"] = ("Toán học", "Mathematics"),
        ["field.marine"] = ("Khoa học biển", "Marine science"),
        ["field.agriculture"] = ("Nông nghiệp", "Agriculture"),
        ["field.medicine"] = ("Y học", "Medicine"),
        ["field.environment"] = ("Môi trường", "Environment"),
        ["field.education"] = ("Giáo dục", "Education"),
        ["field.economics"] = ("Kinh tế", "Economics"),
        ["field.other"] = ("Khác", "Other"),

        ["degree.bachelor"] = ("Cử nhân", "Bachelor"),
        ["degree.engineer"] = ("Kỹ sư", "Engineer"),
        ["degree.master"] = ("Thạc sĩ", "Master"),
        ["degree.phd"] = ("Tiến sĩ", "PhD"),
        ["degree.dsc"] = ("Tiến sĩ khoa học", "DSc"),

        ["engagement.advisory"] = ("Tư vấn", "Advisory"),
        ["engagement.speaking"] = ("Báo cáo, diễn giả", "Speaking"),
        ["engagement.visiting"] = ("Làm việc ngắn hạn tại tỉnh", "Visiting"),
        ["engagement.remote"] = ("Hợp tác từ xa", "Remote work"),
        ["engagement.returning"] = ("Về làm việc lâu dài", "Returning"),
        ["engagement.teaching"] = ("Giảng dạy", "Teaching"),
        ["engagement.investing"] = ("Đầu tư", "Investing"),

        ["stats.title"] = ("Thống kê chuyên gia của tỉnh", "The province's experts in figures"),
        ["stats.experts"] = ("Chuyên gia", "Experts"),
        ["stats.listed"] = ("Hồ sơ công khai", "Listed profiles"),
        ["stats.publications"] = ("Công bố", "Publications"),
        ["stats.byField"] = ("Theo lĩnh vực", "By field"),
        ["stats.byLocation"] = ("Theo nơi sống", "By where they live"),
        ["stats.byEngagement"] = ("Theo hình thức hợp tác", "By engagement"),
        ["stats.byCountry"] = ("Theo quốc gia", "By country"),
        ["stats.diaspora"] = ("Cộng đồng ở nước ngoài", "The diaspora"),
        ["stats.diasporaNote"] = ("{0} chuyên gia sống ở {1} quốc gia.", "{0} experts living in {1} countries."),
        ["stats.chart"] = ("Biểu đồ: {0}", "Chart: {0}"),

        ["shortlists.title"] = ("Danh sách chọn", "Shortlists"),
        ["shortlists.create"] = ("Tạo danh sách", "Create a shortlist"),
        ["shortlists.name"] = ("Tên danh sách", "Name"),
        ["shortlists.need"] = ("Nhu cầu (dự án, vị trí, chủ đề)", "Need (project, position, topic)"),
        ["shortlists.empty"] = ("Bạn chưa có danh sách nào.", "You have no shortlists yet."),
        ["shortlists.experts"] = ("{0} chuyên gia", "{0} experts"),
        ["shortlists.updated"] = ("Cập nhật", "Updated"),
        ["shortlist.export"] = ("Xuất CSV", "Export CSV"),
        ["shortlist.delete"] = ("Xoá danh sách", "Delete shortlist"),
        ["shortlist.remove"] = ("Bỏ khỏi danh sách", "Remove"),
        ["shortlist.status"] = ("Trạng thái", "Status"),
        ["shortlist.note"] = ("Ghi chú", "Note"),
        ["shortlist.save"] = ("Lưu", "Save"),
        ["shortlist.noExperts"] = ("Danh sách còn trống. Hãy thêm chuyên gia từ trang tìm kiếm.", "The shortlist is empty. Add experts from the search page."),
        ["shortlist.unlisted"] = ("Hồ sơ không còn công khai", "Profile no longer listed"),
        ["shortlist.back"] = ("Tất cả danh sách", "All shortlists"),
        ["shortlist.expert"] = ("Chuyên gia", "Expert"),
        ["shortlist.saved"] = ("Đã lưu.", "Saved."),
        ["shortlist.choose"] = ("Chọn danh sách", "Choose a shortlist"),
        ["status.new"] = ("Mới", "New"),
        ["status.contacted"] = ("Đã liên hệ", "Contacted"),
        ["status.interested"] = ("Quan tâm", "Interested"),
        ["status.declined"] = ("Từ chối", "Declined"),
        ["status.hired"] = ("Đã tuyển", "Hired"),
    };

    private static readonly IReadOnlyDictionary<string, string> CountriesVi = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VN"] = "Việt Nam", ["US"] = "Hoa Kỳ", ["JP"] = "Nhật Bản", ["FR"] = "Pháp", ["KR"] = "Hàn Quốc", ["DE"] = "Đức",
        ["GB"] = "Vương quốc Anh", ["TW"] = "Đài Loan", ["SG"] = "Singapore", ["AU"] = "Úc", ["NL"] = "Hà Lan", ["CA"] = "Canada",
        ["FI"] = "Phần Lan", ["BE"] = "Bỉ", ["SE"] = "Thụy Điển", ["CH"] = "Thụy Sĩ", ["CN"] = "Trung Quốc", ["RU"] = "Nga",
        ["IT"] = "Ý", ["ES"] = "Tây Ban Nha", ["CZ"] = "Séc", ["PL"] = "Ba Lan", ["NO"] = "Na Uy", ["DK"] = "Đan Mạch",
        ["AT"] = "Áo", ["NZ"] = "New Zealand", ["TH"] = "Thái Lan", ["MY"] = "Malaysia", ["IN"] = "Ấn Độ", ["IL"] = "Israel",
        ["HK"] = "Hồng Kông", ["IE"] = "Ireland", ["LA"] = "Lào", ["KH"] = "Campuchia", ["PH"] = "Philippines", ["ID"] = "Indonesia",
        ["AE"] = "Các Tiểu vương quốc Ả Rập Thống nhất", ["QA"] = "Qatar", ["SA"] = "Ả Rập Xê Út", ["BR"] = "Brazil", ["HU"] = "Hungary",
    };

    private static readonly IReadOnlyDictionary<string, string> LanguagesVi = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vi"] = "Tiếng Việt", ["en"] = "Tiếng Anh", ["fr"] = "Tiếng Pháp", ["de"] = "Tiếng Đức", ["ja"] = "Tiếng Nhật", ["ko"] = "Tiếng Hàn",
        ["zh"] = "Tiếng Trung", ["ru"] = "Tiếng Nga", ["nl"] = "Tiếng Hà Lan", ["fi"] = "Tiếng Phần Lan", ["sv"] = "Tiếng Thụy Điển",
        ["es"] = "Tiếng Tây Ban Nha", ["it"] = "Tiếng Ý", ["th"] = "Tiếng Thái", ["cs"] = "Tiếng Séc", ["pl"] = "Tiếng Ba Lan",
    };

    private static string Get(string key) => Entries.TryGetValue(key, out var entry) ? (IsEnglish ? entry.En : entry.Vi) : key;
}
