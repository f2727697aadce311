"""Demo awareness content in Vietnamese, written for SafeWard from the facts in shared/seeds.

Every function here is idempotent: pages are found by slug, images by title, and nothing that
already exists is changed, so ``load_demo`` can run any number of times.
"""

import datetime
import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from content.models import ArticleIndexPage, ArticlePage, FAQPage, HomePage, HotlineSettings

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
    if stdout:
        count = ArticlePage.objects.filter(locale=locale).count()
        stdout.write(f"Content: {count} articles, 1 FAQ page, {len(images)} images.")
    return home
