"""Demo awareness content in Vietnamese, written for SafeWard from the facts in shared/seeds.

Every function here is idempotent: pages are found by slug (translations by translation key),
images by title, and nothing that already exists is changed, so ``load_demo`` can run any
number of times. Quizzes, the poll and the English pages are written for SafeWard too.
"""

import datetime
import io
import math
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    FAQPage,
    HomePage,
    HotlineSettings,
    PollPage,
    QuizIndexPage,
    QuizPage,
    QuizRelatedArticle,
)

GREEN = (11, 93, 75)
SEA = (38, 120, 150)
SKY = (200, 229, 236)
SAND = (240, 226, 190)
WHITE = (255, 255, 255)
RED = (179, 38, 30)
GOLD = (242, 169, 0)
INK = (40, 40, 40)


# --- images, drawn here so the repository ships no third-party pictures -------------------


def _bay(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """Limestone islands in a calm bay, the view every Hạ Long resident knows."""
    draw.rectangle([0, 0, w, h * 0.55], fill=SKY)
    draw.rectangle([0, h * 0.55, w, h], fill=SEA)
    for cx, width, height in [
        (0.18, 0.16, 0.38),
        (0.42, 0.1, 0.28),
        (0.7, 0.2, 0.45),
        (0.9, 0.08, 0.22),
    ]:
        x, half = cx * w, width * w / 2
        draw.polygon(
            [
                (x - half, h * 0.58),
                (x - half * 0.6, h * (0.58 - height)),
                (x + half * 0.4, h * (0.58 - height * 1.05)),
                (x + half, h * 0.58),
            ],
            fill=GREEN,
        )
    for i in range(6):
        y = h * (0.68 + i * 0.05)
        draw.line([(w * 0.1 + i * 30, y), (w * 0.3 + i * 30, y)], fill=WHITE, width=2)


def _phone(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """A phone showing a chat with a too-good-to-be-true job offer."""
    draw.rectangle([0, 0, w, h], fill=SAND)
    px, py, pw, ph = w * 0.36, h * 0.08, w * 0.28, h * 0.84
    draw.rounded_rectangle([px, py, px + pw, py + ph], radius=24, fill=INK)
    draw.rounded_rectangle([px + 10, py + 24, px + pw - 10, py + ph - 24], radius=10, fill=WHITE)
    for i, (left, colour) in enumerate([(True, SKY), (False, GOLD), (True, SKY), (False, RED)]):
        top = py + 40 + i * ph * 0.17
        x0 = px + 20 if left else px + pw * 0.35
        draw.rounded_rectangle([x0, top, x0 + pw * 0.55, top + ph * 0.11], radius=8, fill=colour)
    draw.ellipse([w * 0.72, h * 0.18, w * 0.86, h * 0.18 + w * 0.14], fill=RED)
    draw.rectangle([w * 0.785, h * 0.22, w * 0.795, h * 0.32], fill=WHITE)
    draw.rectangle([w * 0.785, h * 0.35, w * 0.795, h * 0.37], fill=WHITE)


def _circle_meeting(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """Club members sitting in a circle: the monthly meeting."""
    draw.rectangle([0, 0, w, h], fill=(232, 242, 238))
    cx, cy, r = w / 2, h / 2, min(w, h) * 0.3
    draw.ellipse([cx - r * 0.6, cy - r * 0.35, cx + r * 0.6, cy + r * 0.35], fill=SAND)
    for i in range(9):
        angle = 2 * math.pi * i / 9
        x, y = cx + r * math.cos(angle) * 1.25, cy + r * math.sin(angle) * 0.8
        colour = [GREEN, RED, GOLD, SEA][i % 4]
        draw.ellipse([x - 16, y - 34, x + 16, y - 2], fill=(120, 80, 60))
        draw.rounded_rectangle([x - 24, y, x + 24, y + 44], radius=12, fill=colour)


def _leaflets(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """A fan of leaflets and a booklet on a table."""
    draw.rectangle([0, 0, w, h], fill=(245, 240, 230))
    for i, colour in enumerate([SEA, GREEN, RED, GOLD]):
        x = w * (0.14 + i * 0.17)
        y = h * (0.2 + (i % 2) * 0.06)
        draw.rectangle([x, y, x + w * 0.2, y + h * 0.58], fill=WHITE, outline=INK, width=2)
        draw.rectangle([x + 10, y + 12, x + w * 0.2 - 10, y + h * 0.2], fill=colour)
        for line in range(5):
            ly = y + h * 0.26 + line * 16
            draw.line([(x + 12, ly), (x + w * 0.2 - 14, ly)], fill=(150, 150, 150), width=3)


DRAWINGS = {
    "Vịnh Hạ Long": _bay,
    "Điện thoại và lời mời việc làm": _phone,
    "Buổi sinh hoạt câu lạc bộ": _circle_meeting,
    "Tờ rơi và sổ tay hỏi đáp": _leaflets,
}


def demo_image(title: str):
    """Return the demo image called *title*, drawing and saving it the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 960, 540
    picture = PILImage.new("RGB", (width, height), WHITE)
    DRAWINGS[title](ImageDraw.Draw(picture), width, height)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = "".join(ch for ch in title.lower() if ch.isalnum())[:20] or "demo"
    image = Image(title=title, description=title)
    image.file = ImageFile(buffer, name=f"demo-{slug}.png")
    image.save()
    return image


# --- text ------------------------------------------------------------------------------------


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


def _ul(items: list[str]) -> list[dict]:
    return [
        {"type": "paragraph", "value": "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"}
    ]


def _quote(text: str, who: str = "") -> list[dict]:
    return [{"type": "quote", "value": {"text": text, "attribution": who}}]


def _call(hotline: str, message: str) -> list[dict]:
    return [{"type": "hotline", "value": {"hotline": hotline, "message": message}}]


def _figure(image, alt: str, caption: str = "") -> list[dict]:
    return [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": alt},
                "caption": caption,
            },
        }
    ]


def articles(images: dict) -> list[dict]:
    """The demo articles; each is written for SafeWard, not copied from the sources."""
    return [
        {
            "slug": "viec-nhe-luong-cao",
            "title": "“Việc nhẹ lương cao” ở nước ngoài: cái bẫy quen mà vẫn mới",
            "date": datetime.date(2024, 8, 12),
            "topic": ArticlePage.Topic.LURES,
            "image": images["Điện thoại và lời mời việc làm"],
            "summary": "Lời mời làm việc qua Facebook, Zalo hứa lương nghìn đô, bao vé máy bay, "
            "không cần tay nghề. Đây là cách nhận ra và tránh cái bẫy lừa đảo việc nhẹ lương cao.",
            "body": _p(
                "Kẻ xấu ngày nay ít khi tìm người ở ngoài chợ hay bến xe. Chúng đăng tin tuyển "
                "dụng trên mạng xã hội, nhắn tin làm quen qua Zalo, Facebook, Viber, rồi gửi lời "
                "mời sang nước ngoài làm “nhân viên chăm sóc khách hàng”, “phục vụ nhà hàng” với "
                "mức lương cao gấp nhiều lần ở quê.",
                "Nhiều người đã đi theo những lời hứa đó và bị đưa vào các khu lừa đảo trực tuyến "
                "bên kia biên giới, bị giữ hộ chiếu, bị bắt làm việc cả ngày lẫn đêm và bị đòi tiền "
                "chuộc khi muốn về.",
            )
            + [{"type": "paragraph", "value": "<h2>Dấu hiệu của một lời mời đáng ngờ</h2>"}]
            + _ul(
                [
                    "Lương rất cao mà không hỏi kinh nghiệm, bằng cấp hay ngoại ngữ.",
                    "Người tuyển dụng lo hết vé, hộ chiếu, “đi trước trả sau”.",
                    "Không có hợp đồng, hoặc hợp đồng không ghi tên công ty thật, địa chỉ thật.",
                    "Được dặn giữ bí mật với gia đình, đi đường tắt, không qua cửa khẩu.",
                    "Giục quyết định ngay vì “chỉ còn vài suất”.",
                ]
            )
            + _p(
                "Đi làm việc ở nước ngoài hợp pháp phải qua doanh nghiệp được cấp phép, có hợp "
                "đồng rõ ràng và xuất cảnh qua cửa khẩu. Trước khi nhận lời, hãy hỏi cán bộ phường, "
                "câu lạc bộ phòng, chống mua bán người hoặc gọi đường dây nóng."
            )
            + _call("national", "Người thân nhận được lời mời như trên? Hỏi trước khi đi."),
        },
        {
            "slug": "xuat-canh-trai-phep",
            "title": "Xuất cảnh trái phép: con đường tắt nhiều rủi ro",
            "date": datetime.date(2024, 3, 5),
            "topic": ArticlePage.Topic.LAW,
            "image": images["Vịnh Hạ Long"],
            "summary": "Năm 2023 Quảng Ninh ghi nhận 391 công dân xuất cảnh trái phép. Đi theo "
            "đường mòn, lối mở khiến người lao động mất mọi sự bảo vệ của pháp luật.",
            "body": _p(
                "Theo số liệu của ngành lao động, thương binh và xã hội tỉnh, năm 2023 có 391 công "
                "dân Việt Nam xuất cảnh trái phép trên địa bàn Quảng Ninh, ít hơn năm 2022 là 31 "
                "trường hợp. Con số giảm nhưng vẫn là hàng trăm gia đình có người đi theo lối tắt.",
                "Người vượt biên trái phép không có giấy tờ hợp lệ ở nước đến nên rất dễ bị ép làm "
                "việc, bị bán lại hoặc bị giữ người. Khi gặp nạn, họ ngại tìm đến cơ quan chức năng "
                "vì sợ bị xử phạt.",
                "Người bị bắt, bị trao trả về nước vẫn được lực lượng biên phòng, công an và ngành "
                "lao động tiếp nhận, xác minh. Nếu là nạn nhân bị mua bán, họ được bảo vệ và hỗ trợ "
                "chứ không bị coi là người có lỗi.",
            )
            + _quote(
                "Đi đường tắt thì tiết kiệm được vài ngày, nhưng có khi mất cả mấy năm không về được.",
                "Một thành viên câu lạc bộ phường Tuần Châu",
            )
            + _call("provincial", "Cần hỏi về thủ tục đi làm việc ở nước ngoài hợp pháp?"),
        },
        {
            "slug": "hon-nhan-moi-gioi",
            "title": "Lấy chồng qua môi giới: khi lời hứa đổi đời thành vòng vây",
            "date": datetime.date(2023, 11, 20),
            "topic": ArticlePage.Topic.LURES,
            "image": None,
            "summary": "Những cuộc hôn nhân qua môi giới bên kia biên giới có thể là vỏ bọc của "
            "mua bán người. Gia đình cần biết các dấu hiệu để can ngăn kịp thời.",
            "body": _p(
                "Kẻ môi giới thường tìm đến các cô gái trẻ ở vùng khó khăn, hứa hẹn một người chồng "
                "khá giả, một khoản tiền gửi về cho bố mẹ. Chỉ sau vài buổi gặp, cô gái đã được đưa "
                "qua biên giới, thường là không qua cửa khẩu.",
                "Khi đến nơi, nhiều người mới biết mình đã bị trả tiền như một món hàng, không được "
                "liên lạc với gia đình, không được đi đâu một mình. Có người sinh con ở nước bạn, "
                "càng khó tìm đường về.",
            )
            + _ul(
                [
                    "Người lạ hoặc người quen mới đến nhà, hứa gả con gái cho người nước ngoài giàu có.",
                    "Gia đình được đưa trước một khoản tiền “thách cưới”.",
                    "Không có đăng ký kết hôn tại cơ quan có thẩm quyền ở Việt Nam.",
                    "Cô gái được dặn không nói với ai, đi vào ban đêm.",
                ]
            )
            + _call("national", "Thấy dấu hiệu như vậy trong xóm? Báo ngay, không cần xưng tên."),
        },
        {
            "slug": "ra-mat-cau-lac-bo-ha-long",
            "title": "Năm câu lạc bộ phòng, chống mua bán người ra đời ở Hạ Long",
            "date": datetime.date(2022, 5, 15),
            "topic": ArticlePage.Topic.CLUB_NEWS,
            "image": images["Buổi sinh hoạt câu lạc bộ"],
            "summary": "Từ tháng 5/2022, các phường Hùng Thắng, Cao Xanh, Bạch Đằng, Hồng Gai và "
            "Tuần Châu có câu lạc bộ phòng, chống mua bán người và hỗ trợ nạn nhân.",
            "body": _p(
                "Sau khi dự án quốc tế về chống mua bán người và nô lệ thời hiện đại kết thúc, "
                "Quảng Ninh quyết định giữ mô hình bằng ngân sách của tỉnh. Đầu tháng 5/2022, năm "
                "câu lạc bộ thí điểm ra mắt tại các phường Hùng Thắng, Cao Xanh, Bạch Đằng, Hồng Gai "
                "và Tuần Châu của thành phố Hạ Long.",
                "Ban chủ nhiệm mỗi câu lạc bộ là những người được bà con tin cậy: tổ trưởng tổ dân, "
                "trưởng khu phố, cán bộ đoàn thể của phường. Thành viên gồm cộng tác viên công tác "
                "xã hội, cán bộ khu dân cư, và cả những người từng bị mua bán hay từng di cư trái "
                "phép trở về.",
            )
            + _figure(
                images["Buổi sinh hoạt câu lạc bộ"],
                "Các thành viên ngồi thành vòng tròn trong buổi sinh hoạt",
                "Sinh hoạt hằng tháng là lúc thành viên chia sẻ thông tin và phân công việc.",
            )
            + _p(
                "Câu lạc bộ sinh hoạt mỗi tháng một lần, rà soát trên địa bàn để sớm phát hiện "
                "người có nguy cơ, vận động họ tham gia hoạt động, tập huấn kỹ năng tiếp cận và "
                "truyền thông, hỗ trợ sinh kế cho người trở về."
            ),
        },
        {
            "slug": "duong-day-nong-111-18001769",
            "title": "Hai số điện thoại cần nhớ: 111 và 18001769",
            "date": datetime.date(2024, 1, 10),
            "topic": ArticlePage.Topic.SUPPORT,
            "image": None,
            "summary": "Tổng đài quốc gia 111 và đường dây nóng 18001769 của Quảng Ninh đều miễn "
            "phí. Gọi khi nghi ngờ, khi cần giúp, hoặc khi muốn báo tin.",
            "body": _p(
                "Tổng đài 111 là đường dây nóng quốc gia, nhận cuộc gọi về bảo vệ trẻ em và hỗ trợ "
                "nạn nhân bị mua bán. Tại Quảng Ninh, đường dây nóng 18001769 do trung tâm của ngành "
                "lao động, thương binh và xã hội duy trì, cũng miễn phí.",
                "Bạn có thể gọi khi nhận được lời mời làm việc đáng ngờ, khi người thân mất liên lạc "
                "sau khi đi làm ăn xa, hoặc khi biết ai đó đang bị giữ, bị ép buộc. Người nghe máy "
                "sẽ hướng dẫn bạn bước tiếp theo và kết nối với cơ quan chức năng.",
                "Thông tin của người gọi được giữ kín. Bạn không bắt buộc phải nói tên.",
            )
            + _call("national", "")
            + _call("provincial", ""),
        },
        {
            "slug": "nan-nhan-duoc-ho-tro-gi",
            "title": "Nạn nhân bị mua bán trở về được hỗ trợ những gì?",
            "date": datetime.date(2025, 7, 2),
            "topic": ArticlePage.Topic.SUPPORT,
            "image": None,
            "summary": "Từ nhu cầu thiết yếu, chăm sóc y tế, tâm lý đến trợ giúp pháp lý, học "
            "nghề và vay vốn: các chế độ hỗ trợ người trở về theo luật năm 2024.",
            "body": _p(
                "Luật Phòng, chống mua bán người năm 2024 có hiệu lực từ ngày 1/7/2025 đặt nạn nhân "
                "vào trung tâm. Người đã được xác định là nạn nhân, và cả người đang trong quá trình "
                "xác định, đều được bảo vệ và hỗ trợ."
            )
            + _ul(
                [
                    "Hỗ trợ nhu cầu thiết yếu như ăn, ở, đi lại, có thể kéo dài đến 120 ngày.",
                    "Chăm sóc y tế và hỗ trợ tâm lý.",
                    "Trợ giúp pháp lý miễn phí.",
                    "Hỗ trợ học văn hóa, học nghề.",
                    "Trợ cấp khó khăn ban đầu, hỗ trợ vay vốn và tư vấn việc làm.",
                ]
            )
            + _p(
                "Quảng Ninh đặt mục tiêu mọi nạn nhân trở về có hộ khẩu thường trú trong tỉnh và "
                "được tiếp nhận qua địa bàn tỉnh đều được hỗ trợ kịp thời. Câu lạc bộ ở phường là "
                "nơi đầu tiên có thể giúp kết nối với các dịch vụ này."
            )
            + _call("sunshine", "Cần chỗ ở an toàn và người để chia sẻ?"),
        },
        {
            "slug": "quang-ninh-tiep-nhan-nan-nhan-2023",
            "title": "Năm 2023: 10 nạn nhân được tiếp nhận và giúp đỡ",
            "date": datetime.date(2023, 12, 28),
            "topic": ArticlePage.Topic.SUPPORT,
            "image": images["Vịnh Hạ Long"],
            "summary": "Tám người trở về qua Móng Cái, hai người được công an giải cứu. Rào cản "
            "lớn nhất để giúp họ là sự mặc cảm.",
            "body": _p(
                "Trong năm 2023, ngành lao động, thương binh và xã hội cùng công an và bộ đội biên "
                "phòng tỉnh đã tiếp nhận 10 nạn nhân bị mua bán. Tám người trở về từ Trung Quốc qua "
                "thành phố Móng Cái; hai người được giải cứu trong một vụ án do công an phát hiện.",
                "Công việc hỗ trợ không dễ dàng. Nhiều người tự ti, không kể hết những gì đã trải "
                "qua; có người còn con nhỏ ở nước bạn nên lại tìm cách quay đi mà không trình báo.",
                "Vì vậy, sự gần gũi của hàng xóm, của câu lạc bộ ở phường rất quan trọng: một lời "
                "hỏi thăm không phán xét có thể giúp người trở về dám nhận sự giúp đỡ.",
            )
            + _quote("Đừng hỏi họ đã làm gì. Hãy hỏi họ cần gì.", "Tập huấn viên câu lạc bộ"),
        },
        {
            "slug": "luat-phong-chong-mua-ban-nguoi-2024",
            "title": "Luật Phòng, chống mua bán người 2024: năm điều người dân nên biết",
            "date": datetime.date(2025, 6, 20),
            "topic": ArticlePage.Topic.LAW,
            "image": None,
            "summary": "Ai được coi là nạn nhân, ai quyết định, thông tin có được giữ bí mật "
            "không: những điểm chính của luật mới, nói ngắn gọn.",
            "body": _ul(
                [
                    "Chỉ cơ quan có thẩm quyền mới xác định một người là nạn nhân; câu lạc bộ và "
                    "hàng xóm chỉ phát hiện, báo tin và giúp đỡ.",
                    "Người đang chờ xác định vẫn được bảo vệ và hỗ trợ những nhu cầu cấp thiết.",
                    "Thông tin về nạn nhân và người thân của họ phải được giữ bí mật.",
                    "Nạn nhân không phải trả tiền cho các chế độ hỗ trợ theo luật.",
                    "Mọi người có quyền và trách nhiệm báo tin về hành vi mua bán người.",
                ]
            )
            + _p(
                "Trước khi luật được thông qua, nhiều hội thảo góp ý đã được tổ chức, trong đó có "
                "hội thảo của Ủy ban Tư pháp của Quốc hội tại Quảng Ninh."
            ),
        },
        {
            "slug": "huong-ung-ngay-30-7",
            "title": "Ngày 30/7: cả cộng đồng cùng lên tiếng",
            "date": datetime.date(2022, 7, 30),
            "topic": ArticlePage.Topic.CLUB_NEWS,
            "image": images["Tờ rơi và sổ tay hỏi đáp"],
            "summary": "Phát thanh, mạng xã hội, tờ rơi, pano: Quảng Ninh hưởng ứng Ngày toàn dân "
            "phòng, chống mua bán người bằng nhiều cách gần với người dân.",
            "body": _p(
                "Ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người, trùng với Ngày thế "
                "giới phòng, chống mua bán người. Năm 2022, hệ thống truyền thanh trong tỉnh phát "
                "602 lượt tin, bài về chủ đề này.",
                "Hội Liên hiệp Phụ nữ tỉnh dùng 359 tài khoản Zalo, Facebook cùng khoảng 7.800 "
                "tuyên truyền viên nòng cốt để đưa thông tin đến hội viên. Đoàn Thanh niên đăng bài "
                "trên mạng xã hội, tiếp cận hơn 300.000 lượt người.",
            )
            + _figure(
                images["Tờ rơi và sổ tay hỏi đáp"],
                "Tờ rơi và sổ tay hỏi đáp pháp luật trên bàn",
                "Tờ rơi và sổ tay hỏi đáp được phát tại các buổi sinh hoạt.",
            )
            + _p(
                "Ngành lao động, thương binh và xã hội đã cấp 80.000 tờ rơi, 10.000 cuốn tài liệu "
                "hỏi đáp pháp luật và 177 pano về Ngôi nhà Ánh Dương cho 177 xã, phường, thị trấn."
            ),
        },
    ]


FAQ_ITEMS = [
    (
        "Mua bán người là gì?",
        "Là việc dùng lừa gạt, ép buộc hoặc lợi dụng hoàn cảnh khó khăn của người khác để đưa họ "
        "đi, giao nhận họ như món hàng nhằm bóc lột sức lao động, tình dục hay lấy bộ phận cơ thể.",
    ),
    (
        "Làm sao nhận ra một lời mời làm việc là cái bẫy?",
        "Hãy cảnh giác khi lương quá cao so với công việc, không cần kinh nghiệm, được lo hết chi "
        "phí đi lại, không có hợp đồng rõ ràng hoặc bị dặn giữ bí mật với gia đình.",
    ),
    (
        "Người thân đi làm ăn xa rồi mất liên lạc, tôi nên làm gì?",
        "Ghi lại mọi thông tin bạn có (số điện thoại, tài khoản mạng xã hội của người tuyển dụng, "
        "nơi đến) và báo ngay cho công an phường hoặc gọi 111. Đừng tự chuyển tiền chuộc.",
    ),
    (
        "Gọi đường dây nóng có mất tiền không? Có phải nói tên không?",
        "Tổng đài 111 và đường dây nóng 18001769 đều miễn phí. Bạn không bắt buộc phải nói tên, "
        "và thông tin bạn cung cấp được giữ kín.",
    ),
    (
        "Nạn nhân trở về có bị xử phạt vì đã xuất cảnh trái phép không?",
        "Người được xác định là nạn nhân bị mua bán được bảo vệ và hỗ trợ. Việc họ bị ép buộc, "
        "lừa gạt được cơ quan chức năng xem xét khi xác minh.",
    ),
    (
        "Ngôi nhà Ánh Dương là gì?",
        "Là nơi tiếp nhận, hỗ trợ tạm thời người bị bạo lực và nạn nhân bị mua bán: chỗ ở an "
        "toàn, tư vấn tâm lý, pháp lý và kết nối dịch vụ.",
    ),
    (
        "Ai được biết thông tin về nạn nhân?",
        "Chỉ những người trực tiếp giúp đỡ theo quy định. Báo chí, hàng xóm hay người ngoài không "
        "được tiết lộ danh tính nạn nhân và người thân của họ.",
    ),
    (
        "Tôi muốn tham gia câu lạc bộ ở phường thì làm thế nào?",
        "Liên hệ ban chủ nhiệm câu lạc bộ qua tổ dân hoặc Ủy ban nhân dân phường. Câu lạc bộ chào "
        "đón cộng tác viên, cán bộ khu dân cư, tình nguyện viên và người trở về.",
    ),
]


def _publish_child(parent: Page, page: Page) -> Page:
    """Add *page* under *parent* unless a page with its slug is there already; publish it."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(*, stdout=None) -> HomePage:
    """Create the demo home page content, article index, articles and FAQ in Vietnamese."""
    locale = Locale.objects.get(language_code="vi")
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Phòng, chống mua bán người", slug="home", locale=locale)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="SafeWard"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    if not home.intro:
        home.intro = (
            "Nhận biết thủ đoạn của kẻ mua bán người, hiểu quyền của mình và biết gọi ai khi cần. "
            "Do các câu lạc bộ phòng, chống mua bán người ở phường biên soạn."
        )
        home.save_revision().publish()
    HotlineSettings.objects.get_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"sunshine_house_address": "Liên hệ qua đường dây nóng 18001769"},
    )

    images = {title: demo_image(title) for title in DRAWINGS}
    index = _publish_child(
        home,
        ArticleIndexPage(
            title="Bài viết",
            slug="bai-viet",
            show_in_menus=True,
            intro="<p>Thủ đoạn, pháp luật, hỗ trợ nạn nhân và tin hoạt động của các câu lạc bộ.</p>",
        ),
    )
    for data in articles(images):
        _publish_child(
            index,
            ArticlePage(
                title=data["title"],
                slug=data["slug"],
                date=data["date"],
                topic=data["topic"],
                summary=data["summary"],
                hero_image=data["image"],
                body=data["body"],
            ),
        )
    _publish_child(
        home,
        FAQPage(
            title="Hỏi đáp pháp luật",
            slug="hoi-dap",
            show_in_menus=True,
            intro="<p>Những câu hỏi người dân hay đặt ra, trả lời ngắn gọn như trong sổ tay hỏi "
            "đáp pháp luật phát tại phường.</p>",
            items=[
                {"type": "item", "value": {"question": q, "answer": f"<p>{a}</p>"}}
                for q, a in FAQ_ITEMS
            ],
        ),
    )
    load_quizzes(home)
    english = load_english(home)
    if stdout:
        count = ArticlePage.objects.filter(locale=locale).count()
        stdout.write(
            f"Content: {count} articles, 1 FAQ page, {len(QUIZZES)} quizzes, 1 poll, "
            f"{len(images)} images; {english} pages in English."
        )
    return home


# --- quizzes and the poll ------------------------------------------------------------------
#
# Questions: (kind, lure, text, answers) with answers a list of (text, right, explanation) for
# single and multiple choice, or (statement is true, explanation) for true/false. Block ids are
# made from the quiz's Vietnamese slug, so a translation keeps the ids of the original and a
# second load_demo writes nothing new.

S, M, TF = "single_choice", "multiple_choice", "true_false"

QUIZZES = [
    {
        "slug": "viec-lam-o-nuoc-ngoai",
        "title": "Việc làm ở nước ngoài: cơ hội thật hay cái bẫy?",
        "intro": "Tám câu hỏi giúp bạn và người thân nhận ra lời mời “việc nhẹ lương cao” trước "
        "khi quá muộn. Mất khoảng ba phút.",
        "related": ["viec-nhe-luong-cao", "xuat-canh-trai-phep"],
        "bands": [
            (
                0,
                "Kẻ lừa đảo rất khéo. Hãy đọc kỹ phần giải thích và các bài viết bên dưới, rồi "
                "làm lại nhé.",
            ),
            (
                50,
                "Khá lắm! Bạn đã nhận ra nhiều dấu hiệu. Xem lại những câu chưa đúng để chắc "
                "chắn hơn.",
            ),
            (
                85,
                "Xuất sắc! Bạn nhận ra gần hết các dấu hiệu. Hãy chia sẻ bài trắc nghiệm này "
                "với người thân đang tìm việc.",
            ),
        ],
        "questions": [
            (
                S,
                "job_abroad",
                "Một tài khoản Facebook lạ nhắn tin mời bạn sang Campuchia làm “nhân viên chăm sóc "
                "khách hàng”, lương 1.500 đô mỗi tháng, không cần kinh nghiệm, được bao vé máy bay. "
                "Bạn nên làm gì?",
                [
                    (
                        "Nhận lời ngay kẻo hết suất.",
                        False,
                        "Giục quyết định thật nhanh là cách kẻ lừa đảo không cho bạn thời gian hỏi ai. "
                        "Một công việc thật vẫn còn đó sau vài ngày tìm hiểu.",
                    ),
                    (
                        "Hỏi cán bộ phường, câu lạc bộ hoặc gọi đường dây nóng trước khi trả lời.",
                        True,
                        "Lương cao bất thường, không cần tay nghề, lo hết chi phí là những dấu hiệu "
                        "thường gặp của cái bẫy. Hỏi người hiểu biết hoặc gọi 111 đều miễn phí.",
                    ),
                    (
                        "Gửi ảnh căn cước để họ làm hộ chiếu giúp.",
                        False,
                        "Gửi giấy tờ tùy thân cho người lạ là trao cho họ thêm cách trói buộc bạn. Đừng "
                        "gửi khi chưa biết rõ họ là ai.",
                    ),
                    (
                        "Cứ đi thử một tháng, không ổn thì về.",
                        False,
                        "Nhiều người bị đưa vào các khu lừa đảo, bị giữ hộ chiếu và bị đòi tiền chuộc khi "
                        "muốn về. Khi đã sang đó, “không ổn thì về” thường không còn trong tay bạn.",
                    ),
                ],
            ),
            (
                M,
                "job_abroad",
                "Những dấu hiệu nào cho thấy một lời mời làm việc ở nước ngoài có thể là cái bẫy?",
                [
                    (
                        "Lương rất cao mà không hỏi kinh nghiệm hay bằng cấp.",
                        True,
                        "Việc lương cao thật luôn đòi tay nghề hoặc ngoại ngữ. Lương cao mà “ai cũng làm "
                        "được” là mồi nhử.",
                    ),
                    (
                        "Người tuyển dụng lo hết vé, hộ chiếu, “đi trước trả sau”.",
                        True,
                        "Khoản “ứng trước” thường biến thành món nợ để giữ chân và ép buộc người lao động.",
                    ),
                    (
                        "Được dặn giữ bí mật với gia đình.",
                        True,
                        "Kẻ xấu muốn tách bạn khỏi những người có thể can ngăn. Việc làm đàng hoàng không "
                        "cần giấu ai.",
                    ),
                    (
                        "Có hợp đồng ghi rõ tên, địa chỉ của doanh nghiệp được cấp phép.",
                        False,
                        "Đây là dấu hiệu của con đường hợp pháp chứ không phải của cái bẫy. Dù vậy, vẫn "
                        "nên kiểm tra doanh nghiệp có thật và được cấp phép.",
                    ),
                ],
            ),
            (
                TF,
                "illegal_exit",
                "Đi theo đường mòn, lối mở qua biên giới để sang nước ngoài làm việc thì nhanh hơn "
                "mà cũng chẳng có rủi ro gì.",
                (
                    False,
                    "Sai. Người xuất cảnh trái phép không có giấy tờ hợp lệ ở nước đến nên rất dễ bị ép "
                    "làm việc hoặc bị bán lại. Năm 2023, Quảng Ninh vẫn ghi nhận 391 người xuất cảnh trái "
                    "phép.",
                ),
            ),
            (
                S,
                "job_abroad",
                "Kẻ lừa đảo thường rao “việc nhẹ lương cao” ở đâu?",
                [
                    (
                        "Chỉ trên Facebook.",
                        False,
                        "Không chỉ Facebook: chúng dùng cả Zalo, Viber và nhiều ứng dụng nhắn tin khác.",
                    ),
                    (
                        "Trên Facebook, Zalo, Viber và các ứng dụng nhắn tin.",
                        True,
                        "Kẻ xấu có mặt ở mọi nơi có người tìm việc. Lời mời từ tài khoản lạ cần được kiểm "
                        "tra thật kỹ.",
                    ),
                    (
                        "Chỉ trên báo in.",
                        False,
                        "Ngày nay chúng hiếm khi đăng báo, mà nhắn tin làm quen thẳng với người tìm việc "
                        "qua mạng.",
                    ),
                ],
            ),
            (
                TF,
                "job_abroad",
                "Đi làm việc ở nước ngoài hợp pháp thì phải qua doanh nghiệp được cấp phép, có hợp "
                "đồng và xuất cảnh qua cửa khẩu.",
                (
                    True,
                    "Đúng. Đó là con đường giúp người lao động được pháp luật bảo vệ. Nếu còn băn khoăn, "
                    "hãy hỏi cán bộ phường hoặc gọi 18001769.",
                ),
            ),
            (
                M,
                "fake_rescue",
                "Người thân đang ở nước ngoài gọi về nói bị giữ, đòi gia đình chuyển tiền chuộc. Gia "
                "đình nên làm gì?",
                [
                    (
                        "Ghi lại số điện thoại, tài khoản, tên công ty và nơi người thân nói mình đang ở.",
                        True,
                        "Những thông tin này giúp cơ quan chức năng xác minh và tìm người.",
                    ),
                    (
                        "Báo ngay công an phường hoặc gọi 111.",
                        True,
                        "Cơ quan chức năng có kênh phối hợp với nước bạn để tìm và đưa người về.",
                    ),
                    (
                        "Thuê một “dịch vụ giải cứu” quảng cáo trên mạng.",
                        False,
                        "Nhiều “dịch vụ giải cứu” trên mạng là lừa đảo lần thứ hai: nhận tiền rồi biến "
                        "mất.",
                    ),
                    (
                        "Lặng lẽ chuyển tiền chuộc ngay, không báo ai.",
                        False,
                        "Trả tiền không bảo đảm người thân được thả, kẻ xấu còn có thể đòi thêm. Hãy báo "
                        "cơ quan chức năng trước.",
                    ),
                ],
            ),
            (
                S,
                "job_abroad",
                "Người tuyển dụng đòi giữ hộ chiếu của bạn “để làm thủ tục”. Điều đó có nghĩa là gì?",
                [
                    (
                        "Bình thường, công ty nào cũng làm vậy.",
                        False,
                        "Không ai có quyền giữ hộ chiếu của bạn. Giữ giấy tờ là cách trói buộc người lao "
                        "động.",
                    ),
                    (
                        "Một dấu hiệu nguy hiểm: bạn có thể không tự rời đi được nữa.",
                        True,
                        "Mất hộ chiếu, bạn khó đi lại, khó về nước và dễ bị ép buộc.",
                    ),
                    (
                        "Công ty có uy tín nên mới cẩn thận như vậy.",
                        False,
                        "Uy tín thể hiện ở hợp đồng minh bạch, không phải ở việc giữ giấy tờ của người "
                        "lao động.",
                    ),
                ],
            ),
            (
                TF,
                "getting_help",
                "Người bị lừa sang nước ngoài rồi trở về sẽ bị xử phạt, nên tốt nhất là giấu đi.",
                (
                    False,
                    "Sai. Người được xác định là nạn nhân bị mua bán được bảo vệ và hỗ trợ; cả khi đang "
                    "chờ xác định, họ vẫn được giúp những nhu cầu cấp thiết.",
                ),
            ),
        ],
    },
    {
        "slug": "hon-nhan-qua-moi-gioi",
        "title": "Hôn nhân qua môi giới: nhận biết để không mất người thân",
        "intro": "Bảy câu hỏi về những lời hứa gả chồng nước ngoài và cách gia đình, hàng xóm có "
        "thể can ngăn kịp thời.",
        "related": ["hon-nhan-moi-gioi", "nan-nhan-duoc-ho-tro-gi"],
        "bands": [
            (
                0,
                "Những lời hứa đổi đời rất dễ làm người ta tin. Đọc lại phần giải thích và bài "
                "viết gợi ý nhé.",
            ),
            (50, "Bạn đã nắm được nhiều dấu hiệu. Xem lại những câu chưa đúng để nhắc người thân."),
            (85, "Rất tốt! Hãy kể cho các gia đình có con gái trong xóm những điều bạn biết."),
        ],
        "questions": [
            (
                S,
                "marriage",
                "Một người quen đến nhà, hứa gả con gái bạn cho một người đàn ông nước ngoài giàu có "
                "và đưa trước cho gia đình một khoản tiền. Đó là dấu hiệu gì?",
                [
                    (
                        "Một cơ hội đổi đời, nên nhận ngay.",
                        False,
                        "Khoản tiền đưa trước thường là cách “mua” cô gái. Đã nhận tiền, gia đình rất khó "
                        "rút lui.",
                    ),
                    (
                        "Có thể là mua bán người núp bóng hôn nhân.",
                        True,
                        "Môi giới kết hôn kèm tiền “thách cưới” trả trước là thủ đoạn hay gặp ở vùng biên "
                        "giới.",
                    ),
                    (
                        "Chuyện bình thường của mọi đám cưới.",
                        False,
                        "Đám cưới thật không cần người trung gian trả tiền cho gia đình cô dâu.",
                    ),
                ],
            ),
            (
                M,
                "marriage",
                "Những điều nào là dấu hiệu đáng ngờ của một cuộc hôn nhân qua môi giới?",
                [
                    (
                        "Cô gái mới gặp chú rể vài lần, qua người môi giới.",
                        True,
                        "Quen vội qua trung gian, cô gái không biết gì về gia đình và nơi ở thật của người "
                        "chồng.",
                    ),
                    (
                        "Không đăng ký kết hôn tại cơ quan có thẩm quyền ở Việt Nam.",
                        True,
                        "Không đăng ký kết hôn, cô gái không được pháp luật bảo vệ quyền của người vợ.",
                    ),
                    (
                        "Được dặn đi vào ban đêm, không nói với ai.",
                        True,
                        "Giữ bí mật và đi đường tắt cho thấy người đưa đi muốn tránh sự can ngăn.",
                    ),
                    (
                        "Hai người tìm hiểu lâu, hai gia đình gặp nhau, đăng ký kết hôn đầy đủ.",
                        False,
                        "Đó là cách một cuộc hôn nhân với người nước ngoài diễn ra đúng pháp luật.",
                    ),
                ],
            ),
            (
                TF,
                "marriage",
                "Môi giới kết hôn với người nước ngoài để kiếm lời là việc được pháp luật cho phép.",
                (
                    False,
                    "Sai. Môi giới kết hôn có yếu tố nước ngoài nhằm kiếm lời bị pháp luật cấm, người làm "
                    "việc này có thể bị xử lý.",
                ),
            ),
            (
                S,
                "marriage",
                "Sau khi sang nước bạn lấy chồng, cô gái không được liên lạc với gia đình, không được "
                "ra ngoài một mình. Gia đình ở nhà nên làm gì?",
                [
                    (
                        "Chờ thêm vài năm xem sao.",
                        False,
                        "Càng để lâu càng khó tìm và giúp cô gái, nhất là khi cô đã có con ở nước bạn.",
                    ),
                    (
                        "Báo công an, câu lạc bộ ở phường hoặc gọi 111 để được hướng dẫn.",
                        True,
                        "Cơ quan chức năng có kênh phối hợp với nước bạn để xác minh và giúp đưa người "
                        "về.",
                    ),
                    (
                        "Tự sang nước bạn tìm, đi qua lối mở cho nhanh.",
                        False,
                        "Đi đường tắt đặt chính bạn vào nguy hiểm mà không giúp được người thân.",
                    ),
                ],
            ),
            (
                TF,
                "online_friend",
                "Một người nước ngoài làm quen qua mạng, hứa cưới và gửi vé máy bay mời sang gặp: nên "
                "đi ngay kẻo lỡ cơ hội.",
                (
                    False,
                    "Sai. “Người yêu qua mạng” hứa cưới là một cách dụ dỗ sang nước ngoài. Hãy tìm hiểu "
                    "kỹ, kể với gia đình và đừng đi một mình theo người mới quen.",
                ),
            ),
            (
                M,
                "marriage",
                "Kẻ môi giới hay nhắm đến những ai?",
                [
                    (
                        "Các cô gái trẻ ở vùng khó khăn, ít thông tin.",
                        True,
                        "Kẻ xấu lợi dụng hoàn cảnh khó khăn và mong muốn đổi đời.",
                    ),
                    (
                        "Những gia đình đang cần tiền gấp.",
                        True,
                        "Lời hứa “gửi tiền về cho bố mẹ” đánh trúng nỗi lo của gia đình nghèo.",
                    ),
                    (
                        "Người biết rõ các dấu hiệu và hỏi câu lạc bộ trước khi quyết định.",
                        False,
                        "Hiểu biết và có người để hỏi là cách tự bảo vệ tốt nhất; kẻ xấu rất ngại những "
                        "người như vậy.",
                    ),
                ],
            ),
            (
                S,
                "getting_help",
                "Một cô gái trở về sau khi bị bán qua biên giới. Hàng xóm nên cư xử thế nào?",
                [
                    (
                        "Hỏi cho rõ cô đã làm gì ở bên đó.",
                        False,
                        "Câu hỏi tò mò làm người trở về thêm mặc cảm. Hãy hỏi họ cần gì.",
                    ),
                    (
                        "Gần gũi, không phán xét và giữ kín chuyện của cô.",
                        True,
                        "Sự tin cậy của hàng xóm giúp người trở về dám nhận hỗ trợ; thông tin về nạn nhân "
                        "phải được giữ bí mật.",
                    ),
                    (
                        "Tránh xa cho khỏi liên lụy.",
                        False,
                        "Xa lánh đẩy người trở về vào cô độc; có người lại tìm cách ra đi và gặp nguy hiểm "
                        "lần nữa.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "gap-chuyen-thi-goi-ai",
        "title": "Khi gặp chuyện: làm gì, gọi ai?",
        "intro": "Bảy câu hỏi về các số điện thoại cần nhớ, những việc nên làm ngay và những "
        "quyền lợi của người trở về.",
        "related": ["duong-day-nong-111-18001769", "nan-nhan-duoc-ho-tro-gi"],
        "bands": [
            (
                0,
                "Hãy lưu số 111 và 18001769 vào điện thoại ngay hôm nay, rồi đọc lại phần giải "
                "thích nhé.",
            ),
            (
                50,
                "Bạn đã biết gọi ai khi cần. Xem lại những câu chưa đúng để giúp được nhiều người "
                "hơn.",
            ),
            (85, "Tuyệt vời! Bạn có thể là người hàng xóm mà ai cũng tìm đến khi gặp chuyện."),
        ],
        "questions": [
            (
                S,
                "getting_help",
                "Tổng đài quốc gia nhận tin báo về mua bán người và bảo vệ trẻ em là số nào?",
                [
                    (
                        "113",
                        False,
                        "113 là số cảnh sát khi cần can thiệp khẩn cấp; khi có người đang gặp nguy hiểm "
                        "ngay lúc đó, gọi 113 vẫn đúng.",
                    ),
                    ("111", True, "Tổng đài 111 miễn phí và nghe máy cả ngày lẫn đêm."),
                    ("115", False, "115 là số cấp cứu y tế."),
                ],
            ),
            (
                S,
                "getting_help",
                "Đường dây nóng hỗ trợ nạn nhân của tỉnh Quảng Ninh là số nào?",
                [
                    (
                        "18001769",
                        True,
                        "Số 18001769 miễn phí; bạn có thể gọi để hỏi, để báo tin hoặc để xin giúp đỡ.",
                    ),
                    (
                        "Tỉnh không có đường dây riêng.",
                        False,
                        "Quảng Ninh có đường dây nóng riêng, miễn phí: 18001769.",
                    ),
                    (
                        "Số điện thoại của người môi giới việc làm.",
                        False,
                        "Người môi giới không phải là nơi để cầu cứu; hãy gọi 18001769 hoặc 111.",
                    ),
                ],
            ),
            (
                TF,
                "getting_help",
                "Gọi 111 hay 18001769 đều miễn phí, và bạn không bắt buộc phải nói tên.",
                (True, "Đúng. Thông tin của người gọi được giữ kín."),
            ),
            (
                M,
                "fake_rescue",
                "Người thân đi làm ăn xa rồi mất liên lạc. Bạn nên làm gì?",
                [
                    (
                        "Ghi lại mọi thông tin: số điện thoại, tài khoản mạng xã hội của người tuyển "
                        "dụng, nơi đến.",
                        True,
                        "Thông tin càng cụ thể, việc xác minh và tìm người càng nhanh.",
                    ),
                    (
                        "Báo công an phường hoặc gọi 111.",
                        True,
                        "Báo sớm để cơ quan chức năng kịp vào cuộc.",
                    ),
                    (
                        "Chờ thêm vài tháng rồi mới báo.",
                        False,
                        "Những ngày đầu rất quan trọng; báo muộn làm việc tìm kiếm khó hơn nhiều.",
                    ),
                    (
                        "Trả tiền cho người tự xưng có thể “giải cứu”.",
                        False,
                        "Những lời mời “giải cứu” có thu tiền thường là lừa đảo lần thứ hai.",
                    ),
                ],
            ),
            (
                TF,
                "getting_help",
                "Câu lạc bộ ở phường có quyền xác định một người là nạn nhân bị mua bán.",
                (
                    False,
                    "Sai. Chỉ cơ quan có thẩm quyền mới xác định nạn nhân. Câu lạc bộ và hàng xóm phát "
                    "hiện, báo tin và giúp đỡ.",
                ),
            ),
            (
                S,
                "getting_help",
                "Ngôi nhà Ánh Dương là gì?",
                [
                    (
                        "Nơi tiếp nhận, hỗ trợ tạm thời nạn nhân bị mua bán và người bị bạo lực.",
                        True,
                        "Ở đó có chỗ ở an toàn, tư vấn tâm lý, pháp lý và kết nối dịch vụ. Quảng Ninh có "
                        "pano giới thiệu ở cả 177 xã, phường, thị trấn.",
                    ),
                    (
                        "Một khách sạn du lịch ở Hạ Long.",
                        False,
                        "Không phải. Ngôi nhà Ánh Dương là nơi hỗ trợ người bị bạo lực và nạn nhân bị mua "
                        "bán.",
                    ),
                    (
                        "Trụ sở công an phường.",
                        False,
                        "Không phải, dù công an có thể giúp bạn tìm đến Ngôi nhà Ánh Dương.",
                    ),
                ],
            ),
            (
                M,
                "getting_help",
                "Theo luật năm 2024, nạn nhân trở về có thể được hỗ trợ những gì?",
                [
                    (
                        "Nhu cầu thiết yếu như ăn, ở, đi lại, có thể đến 120 ngày.",
                        True,
                        "Đây là hỗ trợ ban đầu để người trở về ổn định cuộc sống.",
                    ),
                    (
                        "Chăm sóc y tế, hỗ trợ tâm lý và trợ giúp pháp lý.",
                        True,
                        "Người trở về được chăm sóc cả sức khỏe lẫn tinh thần và được giúp về pháp lý.",
                    ),
                    (
                        "Học nghề, vay vốn và tư vấn việc làm.",
                        True,
                        "Những hỗ trợ này giúp người trở về tự đứng vững lâu dài.",
                    ),
                    (
                        "Phải tự trả tiền cho các chế độ hỗ trợ.",
                        False,
                        "Nạn nhân không phải trả tiền cho các chế độ hỗ trợ theo luật.",
                    ),
                ],
            ),
        ],
    },
]

POLL = {
    "slug": "tham-do-loi-moi-viec-lam",
    "title": "Thăm dò: lời mời việc làm qua mạng",
    "question": "Bạn hoặc người thân đã từng nhận lời mời “việc nhẹ lương cao” ở nước ngoài qua "
    "mạng chưa?",
    "intro": "Câu trả lời giúp câu lạc bộ biết nên nói về điều gì ở buổi sinh hoạt tới.",
    "choices": [
        "Đã từng, và đã từ chối",
        "Đã từng, và đã đi hoặc suýt đi",
        "Chưa bao giờ",
        "Không chắc đó có phải lời mời đáng ngờ không",
    ],
}


def _uid(key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://safeward.example/demo/{key}"))


def quiz_stream(slug: str, questions: list) -> list[dict]:
    """StreamField data for *questions*, with block ids made from *slug* and their place."""
    stream = []
    for n, (kind, lure, text, answers) in enumerate(questions):
        key = f"{slug}:{n}"
        value = {"question": text, "lure": lure}
        if kind == TF:
            is_true, explanation = answers
            value.update(answer="true" if is_true else "false", explanation=explanation)
        else:
            value["choices"] = [
                {
                    "type": "item",
                    "id": _uid(f"{key}:{i}"),
                    "value": {"text": answer, "correct": right, "explanation": why},
                }
                for i, (answer, right, why) in enumerate(answers)
            ]
        stream.append({"type": kind, "id": _uid(key), "value": value})
    return stream


def _bands(bands) -> list[dict]:
    return [{"type": "band", "value": {"min_percent": m, "message": text}} for m, text in bands]


def load_quizzes(home: HomePage) -> QuizIndexPage:
    """The quiz index, the three demo quizzes with their related articles, and the poll."""
    is_new = not home.get_children().filter(slug="trac-nghiem").exists()
    index = _publish_child(
        home,
        QuizIndexPage(
            title="Trắc nghiệm",
            slug="trac-nghiem",
            show_in_menus=True,
            intro="<p>Vài phút trả lời câu hỏi để nhận ra thủ đoạn của kẻ mua bán người. Không "
            "cần đăng nhập, không ai biết bạn là ai.</p>",
        ),
    )
    faq = home.get_children().filter(slug="hoi-dap").first()
    if is_new and faq is not None:
        # Right after the articles in the menu, where a phone shows it without scrolling.
        index.move(faq, pos="left")
        index = QuizIndexPage.objects.get(pk=index.pk)
    for data in QUIZZES:
        if index.get_children().filter(slug=data["slug"]).exists():
            continue
        quiz = QuizPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            questions=quiz_stream(data["slug"], data["questions"]),
            result_messages=_bands(data["bands"]),
        )
        for order, slug in enumerate(data["related"]):
            article = ArticlePage.objects.get(slug=slug, locale=home.locale)
            quiz.related_article_links.add(QuizRelatedArticle(article=article, sort_order=order))
        _publish_child(index, quiz)
    _publish_child(
        index,
        PollPage(
            title=POLL["title"],
            slug=POLL["slug"],
            question=POLL["question"],
            intro=POLL["intro"],
            choices=[
                {"type": "choice", "value": text, "id": _uid(f"{POLL['slug']}:{n}")}
                for n, text in enumerate(POLL["choices"])
            ],
        ),
    )
    return index


# --- English -----------------------------------------------------------------------------------
#
# The English tree mirrors part of the Vietnamese one through Wagtail's translations (same
# translation key, locale "en"), so the language switch links each page to its counterpart.

EN_QUIZ_QUESTIONS = [
    (
        S,
        "job_abroad",
        "A Facebook account you do not know offers you a “customer care” job in Cambodia: US$1,500 a "
        "month, no experience needed, flight paid. What should you do?",
        [
            (
                "Say yes at once before the places are gone.",
                False,
                "Pressing you to decide fast is how scammers stop you from asking anyone. A real job "
                "will still be there after a few days of checking.",
            ),
            (
                "Ask the ward officials, the club or a hotline before answering.",
                True,
                "Unusually high pay, no skills needed and all costs covered are the usual signs of the "
                "trap. Asking someone who knows, or calling 111, costs nothing.",
            ),
            (
                "Send a photo of your ID card so they can arrange your passport.",
                False,
                "Sending your papers to a stranger gives them one more way to hold you. Do not send them "
                "before you know exactly who they are.",
            ),
            (
                "Go for a month to try, and come back if it is no good.",
                False,
                "Many people taken to scam compounds have their passports taken and a ransom demanded "
                "when they want to leave. Once there, coming back is often no longer up to you.",
            ),
        ],
    ),
    (
        M,
        "job_abroad",
        "Which of these signs suggest that a job offer abroad may be a trap?",
        [
            (
                "Very high pay with no questions about experience or qualifications.",
                True,
                "Well-paid work always needs skills or a language. High pay that “anyone can earn” is "
                "bait.",
            ),
            (
                "The recruiter pays for the ticket and passport: “go now, pay later”.",
                True,
                "The “advance” often becomes a debt used to hold and force the worker.",
            ),
            (
                "You are told to keep it secret from your family.",
                True,
                "Traffickers want to cut you off from the people who could stop you. Honest work needs "
                "no secrets.",
            ),
            (
                "There is a contract with the name and address of a licensed company.",
                False,
                "That is a sign of the legal route, not of the trap. Still check that the company is "
                "real and licensed.",
            ),
        ],
    ),
    (
        TF,
        "illegal_exit",
        "Crossing the border by a forest path is a quicker way to work abroad, and carries no real "
        "risk.",
        (
            False,
            "False. People who leave illegally have no valid papers where they arrive, so they are easily "
            "forced to work or sold on. Quảng Ninh still recorded 391 illegal departures in 2023.",
        ),
    ),
    (
        S,
        "job_abroad",
        "Where do scammers usually advertise “light work, high pay”?",
        [
            (
                "Only on Facebook.",
                False,
                "Not only Facebook: they use Zalo, Viber and many other messaging apps too.",
            ),
            (
                "On Facebook, Zalo, Viber and messaging apps.",
                True,
                "Scammers go wherever people look for work. An offer from an unknown account needs "
                "careful checking.",
            ),
            (
                "Only in printed newspapers.",
                False,
                "These days they rarely use newspapers; they message job seekers directly online.",
            ),
        ],
    ),
    (
        TF,
        "job_abroad",
        "Working abroad legally means going through a licensed company, with a contract, and leaving "
        "through a border gate.",
        (
            True,
            "True. That is the route on which the law protects workers. If in doubt, ask the ward "
            "officials or call 18001769.",
        ),
    ),
    (
        M,
        "fake_rescue",
        "A relative abroad calls to say they are being held and the family must send ransom money. "
        "What should the family do?",
        [
            (
                "Write down the phone numbers, accounts, company name and where the relative says they "
                "are.",
                True,
                "This information helps the authorities check the facts and find the person.",
            ),
            (
                "Report it to the ward police at once or call 111.",
                True,
                "The authorities work with their counterparts abroad to find people and bring them "
                "home.",
            ),
            (
                "Hire a “rescue service” advertised online.",
                False,
                "Many online “rescue services” are a second scam: they take the money and disappear.",
            ),
            (
                "Quietly send the ransom at once and tell no one.",
                False,
                "Paying does not guarantee your relative is released, and they may ask for more. Report "
                "it to the authorities first.",
            ),
        ],
    ),
    (
        S,
        "job_abroad",
        "The recruiter wants to keep your passport “for the paperwork”. What does that mean?",
        [
            (
                "It is normal, every company does it.",
                False,
                "Nobody has the right to keep your passport. Holding papers is a way to tie workers "
                "down.",
            ),
            (
                "A danger sign: you may no longer be able to leave on your own.",
                True,
                "Without your passport it is hard to move, hard to come home and easy to be forced.",
            ),
            (
                "The company is reputable, so it is careful.",
                False,
                "A good reputation shows in a clear contract, not in holding on to workers' papers.",
            ),
        ],
    ),
    (
        TF,
        "getting_help",
        "People tricked into going abroad are punished when they come back, so it is best to hide "
        "it.",
        (
            False,
            "False. People identified as trafficking victims are protected and supported; even while "
            "that is being decided, they get help with urgent needs.",
        ),
    ),
]

EN_HOME = {
    "title": "Preventing human trafficking",
    "intro": "Recognise the tricks of traffickers, know your rights and know whom to call. "
    "Written by the ward anti-trafficking clubs.",
}

EN_FAQ_ITEMS = [
    (
        "What is human trafficking?",
        "Using deception, force or someone's hardship to move them and hand them over like goods, "
        "in order to exploit their labour or body or to take their organs.",
    ),
    (
        "How can I tell that a job offer is a trap?",
        "Be careful when the pay is far too high for the work, no experience is needed, all travel "
        "costs are paid, there is no clear contract, or you are told to keep it from your family.",
    ),
    (
        "A relative went away to work and no longer answers. What should I do?",
        "Write down everything you know (the recruiter's phone number and social media accounts, "
        "the destination) and report it to the ward police or call 111 at once. Do not send "
        "ransom money on your own.",
    ),
    (
        "Do I pay to call a hotline? Do I have to give my name?",
        "The 111 line and the 18001769 hotline are both free. You need not give your name, and "
        "what you say is kept confidential.",
    ),
    (
        "Are returning victims punished for having crossed the border illegally?",
        "People identified as trafficking victims are protected and supported. The authorities "
        "take into account that they were forced or deceived when they look into the case.",
    ),
    (
        "What is the Sunshine House?",
        "A place that takes in and supports people who suffered violence and trafficking victims "
        "for a while: a safe place to stay, counselling, legal advice and links to services.",
    ),
    (
        "Who may know about a victim?",
        "Only the people directly helping, as the law allows. The press, neighbours and others "
        "must not reveal who a victim or their relatives are.",
    ),
    (
        "How can I join the club in my ward?",
        "Ask the club's board through your residential group or the ward People's Committee. The "
        "club welcomes social-work volunteers, neighbourhood officials and returnees.",
    ),
]


def english_pages() -> dict[str, dict]:
    """English fields of the translated pages, by the Vietnamese page's slug."""
    return {
        "bai-viet": {
            "title": "Articles",
            "slug": "articles",
            "intro": "<p>Tricks, the law, victim support and news from the clubs.</p>",
        },
        "viec-nhe-luong-cao": {
            "title": "“Light work, high pay” abroad: an old trap in new clothes",
            "slug": "light-work-high-pay",
            "summary": "Job offers on Facebook and Zalo promise a thousand dollars a month and a "
            "paid flight, no skills needed. How to recognise and avoid the trap.",
            "body": _p(
                "Traffickers rarely look for people at the market or the bus station any more. "
                "They post job ads on social media, strike up conversations on Zalo, Facebook or "
                "Viber, then offer work abroad as “customer care staff” or “restaurant staff” for "
                "many times the pay at home.",
                "Many who followed such promises were taken to online scam compounds across the "
                "border, had their passports taken, were made to work day and night, and were "
                "asked for a ransom when they wanted to go home.",
            )
            + [{"type": "paragraph", "value": "<h2>Signs of a suspicious offer</h2>"}]
            + _ul(
                [
                    "Very high pay with no questions about experience, qualifications or "
                    "languages.",
                    "The recruiter arranges the ticket and passport: “go now, pay later”.",
                    "No contract, or one without a real company name and address.",
                    "You are told to keep it secret and to take a shortcut, not a border gate.",
                    "You are pushed to decide at once because “only a few places are left”.",
                ]
            )
            + _p(
                "Working abroad legally means going through a licensed company, with a clear "
                "contract, and leaving through a border gate. Before you say yes, ask the ward "
                "officials, the anti-trafficking club or call a hotline."
            )
            + _call("national", "A relative got an offer like this? Ask before they go."),
        },
        "duong-day-nong-111-18001769": {
            "title": "Two numbers to remember: 111 and 18001769",
            "slug": "hotlines-111-18001769",
            "summary": "The national 111 line and Quảng Ninh's 18001769 hotline are both free. "
            "Call when in doubt, when you need help, or to report something.",
            "body": _p(
                "111 is the national hotline for child protection and support to trafficking "
                "victims. In Quảng Ninh, the 18001769 hotline is run by the province's social "
                "support centre and is free as well.",
                "Call when you receive a suspicious job offer, when a relative who went away to "
                "work no longer answers, or when you know someone is being held or forced. The "
                "person who answers will tell you what to do next and contact the authorities.",
                "Callers' details are kept confidential. You need not give your name.",
            )
            + _call("national", "")
            + _call("provincial", ""),
        },
        "hon-nhan-moi-gioi": {
            "title": "Brokered marriages: when the promise of a better life closes in",
            "slug": "brokered-marriages",
            "summary": "Marriages arranged by brokers across the border can hide trafficking. "
            "Families should know the signs so they can step in in time.",
            "body": _p(
                "Brokers seek out young women in poor areas and promise a well-off husband and "
                "money sent home to the parents. After a few meetings the woman is taken across "
                "the border, often not through a border gate.",
                "Only on arrival do many learn that money was paid for them, that they may not "
                "contact their family or go out alone. Some have children there, which makes the "
                "way home even harder.",
            )
            + _ul(
                [
                    "A stranger, or a new acquaintance, comes to promise your daughter to a rich "
                    "foreigner.",
                    "The family is handed a “bride price” in advance.",
                    "The marriage is not registered with the competent Vietnamese authority.",
                    "The woman is told to tell no one and to leave at night.",
                ]
            )
            + _call(
                "national", "Seen signs like these nearby? Report them; no need to give your name."
            ),
        },
        "hoi-dap": {
            "title": "Legal Q&A",
            "slug": "faq",
            "intro": "<p>Questions residents often ask, answered briefly, as in the legal Q&amp;A "
            "booklet handed out in the wards.</p>",
            "items": [
                {"type": "item", "value": {"question": q, "answer": f"<p>{a}</p>"}}
                for q, a in EN_FAQ_ITEMS
            ],
        },
        "trac-nghiem": {
            "title": "Quizzes",
            "slug": "quizzes",
            "intro": "<p>A few minutes of questions to recognise traffickers' tricks. No sign-in, "
            "and nobody knows who you are.</p>",
        },
        "viec-lam-o-nuoc-ngoai": {
            "title": "Jobs abroad: real chance or trap?",
            "slug": "jobs-abroad",
            "intro": "Eight questions to help you and your family spot “light work, high pay” "
            "offers before it is too late. About three minutes.",
            "questions": quiz_stream("viec-lam-o-nuoc-ngoai", EN_QUIZ_QUESTIONS),
            "result_messages": _bands(
                [
                    (
                        0,
                        "Scammers are skilled. Read the explanations and the articles below, "
                        "then try again.",
                    ),
                    (
                        50,
                        "Well done! You spotted many of the signs. Look again at the ones you "
                        "missed.",
                    ),
                    (
                        85,
                        "Excellent! You spotted nearly every sign. Share this quiz with "
                        "relatives who are looking for work.",
                    ),
                ]
            ),
        },
    }


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    """The translation of *page* into *locale*, made and published with *fields* if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def load_english(home: HomePage) -> int:
    """The English home page and the translated pages under it; return how many exist."""
    locale, _ = Locale.objects.get_or_create(language_code="en")
    _translate(home, locale, EN_HOME)
    by_slug = {page.slug: page for page in home.get_descendants().filter(locale=home.locale)}
    pages = english_pages()
    # In tree order: parents first (a translation needs its parent's translation), and
    # siblings in the Vietnamese order, so both menus read the same.
    for slug, fields in sorted(pages.items(), key=lambda item: by_slug[item[0]].path):
        _translate(by_slug[slug].specific, locale, fields)
    return Page.objects.filter(locale=locale).count()
