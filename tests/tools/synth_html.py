#!/usr/bin/env python3
"""Render synthetic wpDiscuz 7 pages, dump them with five converters, and write gold.

A dev tool (not run by CI): it checks how the parser generalises beyond the one English
blog of ../shared/corpus/dev-html, to other layouts, languages, date formats, ratings and
deep reply chains.

Usage (from the project root):

    python3 tests/tools/synth_html.py [--n 40] [--seed 1] [--out /tmp/synth]
    cargo build --release --example dump2json
    for c in w3m lynx html2text inscriptis soup; do
        python3 ../shared/eval/score.py /tmp/synth/$c --verbose
    done

Writes OUT/raw/NN.html, OUT/gold/NN.gold.json, OUT/<conv>/NN.txt plus a copy of the gold
beside each dump, and OUT/pages.tsv (one line per page: language, layout, date style, ...).
The output depends only on --n and --seed.

The markup follows the real wpDiscuz 7.6 pages in ../shared/corpus/dev-html/raw (class
names, nesting, buttons, form, hidden reply form) and ../shared/spec/wpdiscuz.md for what
those pages do not show:
  * the three comment layouts (1: label under the avatar, author, date, then `Reply to`;
    2: author, label, `Reply to`, date; 3: author, label, then `Reply to NAME` and the
    date in one block for replies);
  * phrases in en de fr es pt it ru pl nl tr zh uk hu vi from ../shared/spec/phrases.tsv,
    or the translate.wordpress.org pack wording (phrases-packs.tsv) where one exists;
    an empty cell falls back to English, as on real sites;
  * relative dates (`2 Jahre zuvor`, optionally the reordered `il y a 2 années`, `right
    now`) and absolute dates in several WordPress date/time formats per language
    (`F j, Y g:i a`, `d-m-y H:i`, `j. F Y G:i`, `j \\d\\e F \\d\\e Y H:i`, `Y年n月j日 ag:i`,
    genitive month names in ru/uk/pl, `Y. F j.` in hu, French `17 h 27 min`);
  * the rating widget (before the comment form or at the end of the article, any
    average and count, localized title and vote words);
  * registered authors with role badges (Author, Admin, Editor, optionally Guest), guests
    with and without website links, Anonymous, replies up to six levels deep, votes
    (one number, or likes and dislikes), `Last edited`, images (`comment image`),
    pingbacks, read-more truncation, `Load More Comments`, `1.2K Comments` counts, the
    inline-feedback bar of 7.6.54 and older.
Gold comes from the markup with ../shared/corpus/dev-html/gold_from_html.py (imported), and
the dumps from the converter functions of ../shared/corpus/dev-html/make_dumps.py
(imported), so both match the real set exactly.
"""
import argparse
import csv
import datetime as dt
import html
import importlib.util
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
DEVHTML = os.path.join(SHARED, "corpus", "dev-html")
LANGS = ["en", "de", "fr", "es", "pt", "it", "ru", "pl", "nl", "tr", "zh", "uk", "hu", "vi"]
HTML_LANG = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt": "pt-BR", "it": "it-IT",
             "ru": "ru-RU", "pl": "pl-PL", "nl": "nl-NL", "tr": "tr-TR", "zh": "zh-CN", "uk": "uk",
             "hu": "hu-HU", "vi": "vi"}


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_phrases(name):
    with open(os.path.join(SHARED, "spec", name), encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    head = rows[0]
    return {r[0]: {head[i]: r[i] for i in range(1, min(len(head), len(r)))} for r in rows[1:] if r}


# ---------------------------------------------------------------- language material

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "hu": "január február március április május június július augusztus szeptember október november december",
}
EN_SHORT = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# WordPress date_format + " " + time_format choices per language (simpleCommentDate=1).
FORMATS = {
    "en": ["F j, Y g:i a", "d-m-y H:i", "Y-m-d H:i", "m/d/Y g:i A", "j F Y H:i", "M j, Y g:i a", "d/m/Y H:i"],
    "de": ["j. F Y G:i", "d.m.Y H:i", "j. F Y H:i"],
    "fr": ["j F Y G\\hi", "j F Y G \\h i \\m\\i\\n", "d/m/Y H:i"],
    "es": ["j \\d\\e F \\d\\e Y H:i", "d/m/Y H:i"],
    "pt": ["j \\d\\e F \\d\\e Y H:i", "d/m/Y H:i"],
    "it": ["j F Y G:i", "d/m/Y H:i"],
    "ru": ["d.m.Y H:i", "j F Y H:i"],
    "pl": ["j F Y H:i", "d.m.Y H:i"],
    "nl": ["j F Y H:i", "d-m-Y H:i"],
    "tr": ["j F Y H:i", "d.m.Y H:i"],
    "zh": ["Y年n月j日 ag:i", "Y-m-d H:i"],
    "uk": ["d.m.Y H:i", "j F Y H:i"],
    "hu": ["Y. F j. H:i", "Y-m-d H:i"],
    "vi": ["d/m/Y H:i", "j F, Y H:i"],
}

SENTENCES = {
    "en": ["Thanks for writing this up, it saved me a lot of time.",
           "I tried the same steps on my machine and the second command failed with a permission error.",
           "Great article! Do you know whether this also works on the newer model?",
           "Not sure I agree with the conclusion, the numbers in the second table look off to me.",
           "This is exactly what I was looking for, bookmarked.",
           "Could you explain why the config file has to be copied twice?",
           "Worked perfectly after a reboot, thank you so much.",
           "I had the same problem last year and ended up replacing the whole board."],
    "de": ["Vielen Dank für die ausführliche Anleitung, das hat mir sehr geholfen.",
           "Bei mir bricht der zweite Schritt leider mit einer Fehlermeldung ab.",
           "Toller Artikel! Funktioniert das auch mit der neueren Version?",
           "Ich sehe das etwas anders, die Zahlen in der Tabelle passen nicht ganz.",
           "Genau danach habe ich gesucht, danke schön.",
           "Könntest du erklären, warum die Datei zweimal kopiert werden muss?",
           "Nach einem Neustart lief alles problemlos.",
           "Das gleiche Problem hatte ich letztes Jahr auch."],
    "fr": ["Merci pour cet article très complet, il m'a fait gagner beaucoup de temps.",
           "Chez moi la deuxième commande échoue avec une erreur de permission.",
           "Super article ! Est-ce que cela fonctionne aussi avec la nouvelle version ?",
           "Je ne suis pas tout à fait d'accord avec la conclusion.",
           "C'est exactement ce que je cherchais, merci beaucoup.",
           "Pourriez-vous expliquer pourquoi il faut copier le fichier deux fois ?",
           "Tout a fonctionné après un redémarrage.",
           "J'ai eu le même problème l'année dernière."],
    "es": ["Gracias por el artículo, me ha ahorrado mucho tiempo.",
           "En mi equipo el segundo comando falla con un error de permisos.",
           "¡Excelente artículo! ¿Funciona también con la versión nueva?",
           "No estoy del todo de acuerdo con la conclusión.",
           "Justo lo que estaba buscando, muchas gracias.",
           "¿Podrías explicar por qué hay que copiar el archivo dos veces?",
           "Funcionó perfectamente después de reiniciar.",
           "Tuve el mismo problema el año pasado."],
    "pt": ["Obrigado pelo artigo, me ajudou muito.",
           "No meu computador o segundo comando falha com erro de permissão.",
           "Ótimo artigo! Isso funciona também na versão nova?",
           "Não concordo muito com a conclusão do texto.",
           "Era exatamente isso que eu procurava, valeu.",
           "Você poderia explicar por que o arquivo precisa ser copiado duas vezes?",
           "Funcionou perfeitamente depois de reiniciar.",
           "Tive o mesmo problema no ano passado."],
    "it": ["Grazie per l'articolo, mi ha fatto risparmiare un sacco di tempo.",
           "Sul mio computer il secondo comando fallisce con un errore di permessi.",
           "Ottimo articolo! Funziona anche con la versione nuova?",
           "Non sono del tutto d'accordo con la conclusione.",
           "Era proprio quello che cercavo, grazie mille.",
           "Potresti spiegare perché il file va copiato due volte?",
           "Ha funzionato perfettamente dopo il riavvio.",
           "Ho avuto lo stesso problema l'anno scorso."],
    "ru": ["Спасибо за подробную статью, очень помогла.",
           "У меня вторая команда завершается с ошибкой доступа.",
           "Отличная статья! А на новой версии это тоже работает?",
           "Не совсем согласен с выводом, цифры в таблице выглядят странно.",
           "Именно это я и искал, спасибо.",
           "Можете объяснить, зачем копировать файл дважды?",
           "После перезагрузки всё заработало.",
           "У меня была такая же проблема в прошлом году."],
    "pl": ["Dzięki za artykuł, bardzo mi pomógł.",
           "U mnie drugie polecenie kończy się błędem uprawnień.",
           "Świetny tekst! Czy to działa też w nowej wersji?",
           "Nie do końca zgadzam się z wnioskiem.",
           "Dokładnie tego szukałem, dziękuję.",
           "Możesz wyjaśnić, dlaczego plik trzeba kopiować dwa razy?",
           "Po restarcie wszystko zadziałało.",
           "Miałem ten sam problem w zeszłym roku."],
    "nl": ["Bedankt voor het artikel, het heeft me veel tijd bespaard.",
           "Bij mij faalt het tweede commando met een foutmelding.",
           "Mooi artikel! Werkt dit ook met de nieuwe versie?",
           "Ik ben het niet helemaal eens met de conclusie.",
           "Precies wat ik zocht, dank je wel.",
           "Kun je uitleggen waarom het bestand twee keer gekopieerd moet worden?",
           "Na een herstart werkte alles perfect.",
           "Ik had vorig jaar hetzelfde probleem."],
    "tr": ["Yazı için teşekkürler, çok işime yaradı.",
           "Bende ikinci komut izin hatası veriyor.",
           "Harika yazı! Yeni sürümde de çalışıyor mu?",
           "Sonuca pek katılmıyorum açıkçası.",
           "Tam da aradığım şeydi, teşekkürler.",
           "Dosyanın neden iki kez kopyalanması gerektiğini açıklayabilir misin?",
           "Yeniden başlattıktan sonra sorunsuz çalıştı.",
           "Geçen yıl aynı sorunu yaşamıştım."],
    "zh": ["谢谢分享，这篇文章帮了我大忙。",
           "我这里第二条命令报权限错误。",
           "写得很好！新版本也适用吗？",
           "我不太同意文章的结论。",
           "正是我要找的，收藏了。",
           "能解释一下为什么要复制两次配置文件吗？",
           "重启之后一切正常。",
           "去年我也遇到过同样的问题。"],
    "uk": ["Дякую за статтю, дуже допомогла.",
           "У мене друга команда завершується помилкою доступу.",
           "Чудова стаття! А на новій версії це теж працює?",
           "Не зовсім погоджуюся з висновком.",
           "Саме це я й шукав, дякую.",
           "Поясніть, будь ласка, навіщо копіювати файл двічі?",
           "Після перезавантаження все запрацювало.",
           "Минулого року в мене була така сама проблема."],
    "hu": ["Köszönöm a cikket, sokat segített.",
           "Nálam a második parancs jogosultsági hibával leáll.",
           "Remek cikk! Az új verzióval is működik?",
           "Nem teljesen értek egyet a következtetéssel.",
           "Pont ezt kerestem, köszönöm.",
           "Elmagyaráznád, miért kell kétszer másolni a fájlt?",
           "Újraindítás után minden működött.",
           "Tavaly nekem is ugyanez volt a gondom."],
    "vi": ["Cảm ơn bài viết, rất hữu ích.",
           "Máy mình lệnh thứ hai báo lỗi quyền truy cập.",
           "Bài viết hay quá! Bản mới có dùng được không?",
           "Mình không hoàn toàn đồng ý với kết luận.",
           "Đúng cái mình đang tìm, cảm ơn bạn.",
           "Bạn giải thích giúp tại sao phải chép tệp hai lần?",
           "Khởi động lại là chạy ngon.",
           "Năm ngoái mình cũng gặp lỗi y hệt."],
}

NAMES = {
    "en": ["John Carter", "Mary", "dave_k", "Sarah Miller", "TechGuy42", "Paul O'Neil", "Linda", "mike"],
    "de": ["Thomas Müller", "Anja", "Jürgen K.", "stefan_b", "Katrin Weiß", "Uwe", "Maximilian", "Bernd"],
    "fr": ["Jean-Pierre", "Amélie Dubois", "françois", "Camille", "Luc M.", "Sébastien", "Chloé", "Yves"],
    "es": ["José García", "María", "Carlos", "lucia_r", "Javier Ruiz", "Ana", "Pedro", "Sofía"],
    "pt": ["João Silva", "Ana Paula", "Marcos", "thiago", "Fernanda Lima", "Rafael", "Bruna", "Luiz"],
    "it": ["Giuseppe", "Francesca Rossi", "marco", "Luca B.", "Giulia", "Alessandro", "Chiara", "Paolo"],
    "ru": ["Алексей", "Мария Иванова", "Дмитрий", "sergey_k", "Ольга", "Иван Петров", "Наталья", "Андрей"],
    "pl": ["Piotr", "Agnieszka Nowak", "Krzysztof", "tomek", "Małgorzata", "Paweł K.", "Ewa", "Łukasz"],
    "nl": ["Jan de Vries", "Sanne", "Pieter", "kees", "Anouk Jansen", "Bram", "Lotte", "Dirk"],
    "tr": ["Mehmet", "Ayşe Yılmaz", "Emre", "canan_k", "Mustafa", "Zeynep Kaya", "Burak", "Elif"],
    "zh": ["张伟", "李娜", "王小明", "chen_yu", "刘洋", "小红", "Kevin Zhang", "赵磊"],
    "uk": ["Олександр", "Оксана Шевченко", "Андрій", "taras_k", "Ірина", "Богдан", "Наталія", "Максим"],
    "hu": ["Kovács Péter", "Anna", "Zoltán", "gabor_n", "Nagy Eszter", "László", "Réka", "Bence"],
    "vi": ["Nguyễn Văn An", "Minh", "Trần Thị Hoa", "tuan_anh", "Lê Hùng", "Phương", "Hải", "Thảo"],
}
TITLES = {
    "en": "How I set up a home server in a weekend", "de": "So habe ich meinen Heimserver eingerichtet",
    "fr": "Comment j'ai installé mon serveur à la maison", "es": "Cómo monté un servidor en casa",
    "pt": "Como montei um servidor em casa", "it": "Come ho configurato un server domestico",
    "ru": "Как я настроил домашний сервер", "pl": "Jak skonfigurowałem domowy serwer",
    "nl": "Hoe ik een thuisserver opzette", "tr": "Ev sunucumu nasıl kurdum", "zh": "我如何搭建家庭服务器",
    "uk": "Як я налаштував домашній сервер", "hu": "Hogyan állítottam be az otthoni szerveremet",
    "vi": "Cách mình dựng máy chủ tại nhà",
}
# Chinese puts no space between sentences (w3m would drop one anyway, unlike the gold).
SEP = {lang: ("" if lang == "zh" else " ") for lang in SENTENCES}
LINK_TEXTS = {"en": ["Home", "Blog", "About", "Contact"], "de": ["Startseite", "Blog", "Über mich", "Kontakt"],
              "fr": ["Accueil", "Blog", "À propos", "Contact"], "es": ["Inicio", "Blog", "Sobre mí", "Contacto"],
              "pt": ["Início", "Blog", "Sobre", "Contato"], "it": ["Home", "Blog", "Chi sono", "Contatti"],
              "ru": ["Главная", "Блог", "Обо мне", "Контакты"], "pl": ["Strona główna", "Blog", "O mnie", "Kontakt"],
              "nl": ["Home", "Blog", "Over mij", "Contact"], "tr": ["Anasayfa", "Blog", "Hakkımda", "İletişim"],
              "zh": ["首页", "博客", "关于", "联系"], "uk": ["Головна", "Блог", "Про мене", "Контакти"],
              "hu": ["Kezdőlap", "Blog", "Rólam", "Kapcsolat"], "vi": ["Trang chủ", "Blog", "Giới thiệu", "Liên hệ"]}


# ---------------------------------------------------------------- page settings

class Phr:
    """Phrase lookup for one page: the pack wording, else the bundled catalogue, else English."""

    def __init__(self, lang, bundled, packs, use_pack):
        self.lang, self.bundled, self.packs, self.use_pack = lang, bundled, packs, use_pack

    def __call__(self, key):
        col = self.lang
        if self.use_pack and key in self.packs and self.packs[key].get(col):
            return self.packs[key][col]
        row = self.bundled.get(key, {})
        return row.get(col) or row.get("en") or key


def php_date(fmt, t, lang):
    """A subset of PHP date() with WordPress month localisation."""
    months = MONTHS.get(lang, MONTHS["en"]).split()
    out, i = [], 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt):
            out.append(fmt[i + 1]); i += 2; continue
        if c == "F":
            if lang == "vi":
                out.append("Tháng %d" % t.month)
            else:
                out.append(months[t.month - 1])
        elif c == "M":
            out.append(EN_SHORT[t.month - 1])
        elif c == "j": out.append(str(t.day))
        elif c == "d": out.append("%02d" % t.day)
        elif c == "n": out.append(str(t.month))
        elif c == "m": out.append("%02d" % t.month)
        elif c == "Y": out.append(str(t.year))
        elif c == "y": out.append("%02d" % (t.year % 100))
        elif c == "G": out.append(str(t.hour))
        elif c == "H": out.append("%02d" % t.hour)
        elif c == "g": out.append(str((t.hour - 1) % 12 + 1))
        elif c == "i": out.append("%02d" % t.minute)
        elif c == "a": out.append(("下午" if t.hour >= 12 else "上午") if lang == "zh" else ("pm" if t.hour >= 12 else "am"))
        elif c == "A": out.append("PM" if t.hour >= 12 else "AM")
        else: out.append(c)
        i += 1
    return "".join(out)


def relative(now, t, phr, order):
    """wpDiscuz 7 dateDiff: the largest non-zero unit only."""
    y, mo = now.year - t.year, now.month - t.month
    d = now.day - t.day
    secs = (now - t).total_seconds()
    # calendar difference as PHP's DateInterval would give it
    tt = (now.hour, now.minute, now.second) < (t.hour, t.minute, t.second)
    if tt:
        d -= 1
    if d < 0:
        mo -= 1
        d += 30
    if mo < 0:
        y -= 1
        mo += 12
    if y > 0: n, unit = y, "year"
    elif mo > 0: n, unit = mo, "month"
    elif d > 0: n, unit = d, "day"
    elif secs >= 3600: n, unit = int(secs // 3600), "hour"
    elif secs >= 60: n, unit = int(secs // 60), "minute"
    elif secs >= 1: n, unit = int(secs), "second"
    else:
        return phr("wc_right_now_text")
    word = phr("wc_%s_text" % unit if n == 1 else "wc_%s_text_plural" % unit)
    ago = phr("wc_ago_text")
    if order == "adj_first":
        return "%s %d %s" % (ago, n, word)
    return "%d %s %s" % (n, word, ago)


def esc(s):
    return html.escape(s, quote=True)


# ---------------------------------------------------------------- markup pieces

VOTE_UP_SVG = '<svg aria-hidden="true" focusable="false" data-prefix="fas" data-icon="plus" class="svg-inline--fa fa-plus fa-w-14" role="img" xmlns="https://www.w3.org/2000/svg" viewbox="0 0 448 512"><path d="M416 208H272V64c0-17.67-14.33-32-32-32h-32z"></path></svg>'
VOTE_DOWN_SVG = '<svg aria-hidden="true" focusable="false" data-prefix="fas" data-icon="minus" class="svg-inline--fa fa-minus fa-w-14" role="img" xmlns="https://www.w3.org/2000/svg" viewbox="0 0 448 512"><path d="M416 208H32c-17.67 0-32 14.33-32 32v32z"></path></svg>'
REPLY_SVG = '<svg xmlns="https://www.w3.org/2000/svg" viewbox="0 0 24 24"><path d="M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z"></path><path d="M0 0h24v24H0z" fill="none"></path></svg>'
STAR_SVG = '<svg xmlns="https://www.w3.org/2000/svg" viewbox="0 0 24 24"><path d="M0 0h24v24H0z" fill="none"></path><path class="wpd-star" d="M12 17.27L18.18 21l-1.64-7.03L22 9.24z"></path></svg>'


def form_html(phr, uid, req_suffix="*"):
    name = phr("field_name") + req_suffix
    email = phr("field_email") + req_suffix
    web = phr("field_website")
    submit = phr("field_submit")
    return f'''<form method="post" enctype="multipart/form-data" data-uploading="false" class="wpd_comm_form wpd_main_comm_form">
<div class="wpd-field-comment">
<div class="wpdiscuz-item wc-field-textarea">
<div class="wpdiscuz-textarea-wrap ">
<div class="wpd-avatar">
<img alt="guest" src="https://secure.gravatar.com/avatar/a41113b98d084a09efaaa1c5cf89a862?s=56&#038;r=x" class="avatar avatar-56 photo" height="56" width="56" loading="lazy" decoding="async"> </div>
<div id="wpd-editor-wraper-{uid}" style="display: none;">
<div id="wpd-editor-char-counter-{uid}" class="wpd-editor-char-counter"></div>
<label style="display: none;" for="wc-textarea-{uid}">Label</label>
<textarea id="wc-textarea-{uid}" name="wc_comment" class="wc_comment wpd-field"></textarea>
<div id="wpd-editor-{uid}"></div>
<div id="wpd-editor-toolbar-{uid}">
<button title="Bold" class="ql-bold"></button>
<button title="Italic" class="ql-italic"></button>
<button title="Link" class="ql-link"></button>
<button title="Source Code" class="ql-sourcecode" data-wpde_button_name="sourcecode">{{}}</button>
<button title="Spoiler" class="ql-spoiler" data-wpde_button_name="spoiler">[+]</button>
<div class="wpd-editor-buttons-right">
<span class="wmu-upload-wrap" wpd-tooltip="Attach an image to this comment" wpd-tooltip-position="left"><label class="wmu-add"><i class="far fa-image"></i><input style="display:none;" class="wmu-add-files" type="file" name="wmu_files[]" accept="image/*"></label></span> </div>
</div>
</div>
</div>
</div>
</div>
<div class="wpd-form-foot" style="display:none;">
<div class="wpd-form-row">
<div class="wpd-form-col-left">
<div class="wpdiscuz-item wc_name-wrapper wpd-has-icon">
<div class="wpd-field-icon"><i class="fas fa-user"></i></div>
<input id="wc_name-{uid}" value required="required" aria-required="true" class="wc_name wpd-field" type="text" name="wc_name" placeholder="{esc(name)}" maxlength="50" pattern=".{{3,50}}" title>
<label for="wc_name-{uid}" class="wpdlb">{esc(name)}</label>
</div>
<div class="wpdiscuz-item wc_email-wrapper wpd-has-icon">
<div class="wpd-field-icon"><i class="fas fa-at"></i></div>
<input id="wc_email-{uid}" value required="required" aria-required="true" class="wc_email wpd-field" type="email" name="wc_email" placeholder="{esc(email)}">
<label for="wc_email-{uid}" class="wpdlb">{esc(email)}</label>
</div>
<div class="wpdiscuz-item wc_website-wrapper wpd-has-icon">
<div class="wpd-field-icon"><i class="fas fa-link"></i></div>
<input id="wc_website-{uid}" value class="wc_website wpd-field" type="text" name="wc_website" placeholder="{esc(web)}">
<label for="wc_website-{uid}" class="wpdlb">{esc(web)}</label>
</div>
</div>
<div class="wpd-form-col-right">
<div class="wc-field-submit">
<label class="wpd_label" wpd-tooltip="{esc(phr("wc_notify_on_new_reply"))}">
<input id="wc_notification_new_comment-{uid}" class="wpd_label__checkbox" value="comment" type="checkbox" name="wpdiscuz_notification_type">
<span class="wpd_label__text"><span class="wpd_label__check"><i class="fas fa-bell wpdicon wpdicon-on"></i><i class="fas fa-bell-slash wpdicon wpdicon-off"></i></span></span>
</label>
<input id="wpd-field-submit-{uid}" class="wc_comm_submit wpd_not_clicked wpd-prim-button" type="submit" name="submit" value="{esc(submit)}" aria-label="{esc(submit)}">
</div>
</div>
<div class="clearfix"></div>
</div>
</div>
<input type="hidden" class="wpdiscuz_unique_id" value="{uid}" name="wpdiscuz_unique_id">
<p style="display: none !important;"><label>&#916;<textarea name="ak_hp_textarea" cols="45" rows="8" maxlength="100"></textarea></label><input type="hidden" id="ak_js_{uid}" name="ak_js" value="67"></p> </form>'''


def rating_html(p, avg, count):
    word = p.phr("wc_vote_phrase") if count == 1 else p.phr("wc_votes_phrase")
    avg_s = ("%g" % avg)
    stars = STAR_SVG * 5
    return f'''<div id="wpd-post-rating" class="{"wpd-not-rated" if count == 0 else ""}">
<div class="wpd-rating-wrap">
<div class="wpd-rating-left"></div>
<div class="wpd-rating-data">
<div class="wpd-rating-value">
<span class="wpdrv">{avg_s}</span>
<span class="wpdrc">{count}</span>
<span class="wpdrt">{esc(word)}</span>
</div>
<div class="wpd-rating-title">{esc(p.rating_title)}</div>
<div class="wpd-rating-stars">
{stars}
</div>
</div>
<div class="wpd-rating-right"></div>
</div>
</div>
<div style="display: none;" itemscope itemtype="https://schema.org/Product">
<meta itemprop="name" content="{esc(p.rating_title)}">
</div>
'''


class Page:
    pass


def make_page(rng, nn, bundled, packs):
    p = Page()
    p.lang = rng.choice(LANGS)
    p.use_pack = rng.random() < 0.5
    p.phr = Phr(p.lang, bundled, packs, p.use_pack)
    p.layout = rng.choice([1, 2, 3])
    p.date_mode = rng.choice(["relative", "relative", "absolute", "absolute"])
    p.date_fmt = rng.choice(FORMATS[p.lang])
    # admins of adjective-first languages sometimes reorder dateDiffFormat
    p.rel_order = "adj_first" if (p.lang in ("fr", "tr", "vi", "es", "pt") and rng.random() < 0.4) else "default"
    p.now = dt.datetime(2024, 1, 1) + dt.timedelta(minutes=rng.randrange(0, 400 * 24 * 60))
    p.rating = rng.choice([None, "before_comment_form", "before_comment_form", "after"])
    p.rating_avg = rng.choice([0, 3, 3.7, 4, 4.5, 5, 2.3, 4.8])
    p.rating_count = 0 if p.rating_avg == 0 else rng.choice([1, 2, 3, 7, 12, 134])
    p.rating_title = rng.choice([p.phr("post_rating_title"), "Article Rating", p.phr("post_rating_title")])
    p.guest_label = rng.random() < 0.2
    p.info_bar = rng.random() < 0.7          # wpDiscuz <= 7.6.54
    p.show_sort = rng.random() < 0.9
    p.comment_order = rng.choice(["asc", "asc", "desc"])
    p.vote_style = rng.choice([0, 0, 0, 1])
    p.readmore = rng.random() < 0.15
    p.more = rng.random() < 0.2
    p.logged_in = rng.random() < 0.1
    p.nn = nn
    return p


def gen_thread(rng, p):
    """A list of comment dicts (tree) with increasing dates."""
    names = NAMES[p.lang] + NAMES["en"][:2]
    post_author = "Admin" if rng.random() < 0.3 else rng.choice(["Nam Vũ", "Klaus", "Marie L.", "Олег", "王强", "Ricardo"])
    n_top = rng.choice([1, 2, 3, 4, 5, 6, 8, 12])
    start = p.now - dt.timedelta(days=rng.choice([0.02, 0.5, 3, 40, 200, 800, 1500]))
    clock = [start]
    cid = [1000 + rng.randrange(0, 8000)]

    def next_time():
        span = (p.now - clock[0]).total_seconds()
        step = rng.random() * span * 0.3
        clock[0] = clock[0] + dt.timedelta(seconds=step)
        return clock[0]

    def person():
        r = rng.random()
        if r < 0.15:
            return {"name": post_author, "role": "post_author", "url": "/author/%s/" % "admin"}
        if r < 0.2:
            return {"name": rng.choice(["Site Admin", "webmaster"]), "role": "administrator", "url": None}
        if r < 0.24:
            return {"name": rng.choice(["Editorial Team", "Redakteur", "Julia"]), "role": "editor", "url": None}
        if r < 0.27:
            return {"name": "", "role": "guest", "url": None}   # Anonymous
        nm = rng.choice(names)
        url = "https://%s.example.com/" % "".join(ch for ch in nm.lower() if ch.isascii() and ch.isalnum())[:8] if rng.random() < 0.3 else None
        return {"name": nm, "role": "guest", "url": url}

    def body():
        s = SENTENCES[p.lang]
        r = rng.random()
        if r < 0.06:
            return {"kind": "image"}
        paras = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            k = rng.choice([1, 1, 2, 3])
            paras.append(SEP[p.lang].join(rng.sample(s, k)))
        return {"kind": "text", "paras": paras, "br": rng.random() < 0.15}

    def comment(depth, parent):
        c = dict(person())
        c["id"] = cid[0] = cid[0] + rng.randrange(1, 40)
        c["parent"] = parent
        c["depth"] = depth
        c["time"] = next_time()
        c["body"] = body()
        c["votes"] = rng.choice([0, 0, 0, 1, 2, 3, 5, -1, -2, 12])
        c["edited"] = rng.random() < 0.08
        c["pingback"] = depth == 1 and rng.random() < 0.04
        c["replies"] = []
        return c

    tops = []
    for _ in range(n_top):
        c = comment(1, None)
        tops.append(c)
        # reply chains, sometimes deep
        frontier = [c]
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            par = rng.choice(frontier)
            if par["depth"] >= 6:
                continue
            r = comment(par["depth"] + 1, par)
            par["replies"].append(r)
            frontier.append(r)
    # children come after parents in time: re-stamp in document order
    flat = []

    def walk(cs):
        for c in cs:
            flat.append(c)
            walk(c["replies"])
    walk(tops)
    times = sorted(c["time"] for c in flat)
    for c, t in zip(flat, times):
        c["time"] = t
    # siblings must still be time-ordered at each level for a believable page; good enough
    if p.comment_order == "desc":
        tops.reverse()
    return tops, flat


def display_name(p, c):
    return c["name"] or p.phr("wc_anonymous")


def date_text(p, c):
    if p.date_mode == "relative":
        return relative(p.now, c["time"], p.phr, p.rel_order)
    return php_date(p.date_fmt, c["time"], p.lang)


def label_html(p, c):
    key = {"post_author": "wc_blog_role_post_author", "administrator": "wc_blog_role_administrator",
           "editor": "wc_blog_role_editor"}.get(c["role"])
    if key is None and c["role"] == "guest" and p.guest_label and not c["pingback"]:
        key = "wc_blog_role_guest"
    if key is None:
        return ""
    t = esc(p.phr(key))
    return f'<div class="wpd-comment-label" wpd-tooltip="{t}" wpd-tooltip-position="top">\n<span>{t}</span>\n</div>\n'


def author_html(p, c):
    name = esc(display_name(p, c))
    if c["pingback"]:
        return f'<div class="wpd-comment-author ">\n<a href="https://otherblog.example.org/post/" rel="noreferrer ugc nofollow" target="_blank">{name}</a>\n</div>\n'
    if c["url"]:
        rel = "noreferrer ugc" if c["role"] != "guest" else "noreferrer ugc nofollow"
        return f'<div class="wpd-comment-author ">\n<a href="{esc(c["url"])}" rel="{rel}" target="_blank">{name}</a>\n</div>\n'
    return f'<div class="wpd-comment-author ">\n{name}\n</div>\n'


def avatar_html(p, c):
    alt = "trackback" if c["pingback"] else esc(display_name(p, c))
    img = f'<img alt="{alt}" src="https://secure.gravatar.com/avatar/{c["id"]:032x}?s=64&#038;r=x" class="avatar avatar-64 photo" height="64" width="64" loading="lazy" decoding="async">'
    if c["url"] and c["role"] != "guest":
        img = f'<a href="{esc(c["url"])}" target="_blank" rel="noreferrer ugc">{img}</a>'
    return f'<div class="wpd-avatar ">\n{img}\n</div>\n'


def date_html(p, c, tag="div"):
    title = php_date("F j, Y g:i a", c["time"], "en")
    return f'<{tag} class="wpd-comment-date" title="{title}">\n<i class="far fa-clock" aria-hidden="true"></i>\n{esc(date_text(p, c))}\n</{tag}>\n'


def reply_to_html(p, c, tag="div"):
    if c["parent"] is None:
        return ""
    par = c["parent"]
    return (f'<{tag} class="wpd-reply-to">\n<i class="far fa-comments"></i>\n{esc(p.phr("wc_reply_to"))}&nbsp;\n'
            f'<a href="#comment-{par["id"]}">\n{esc(display_name(p, par))}\n</a>\n</{tag}>\n')


def share_html(p, c):
    return ('<div class="wpd-comment-share wpd-hidden wpd-tooltip wpd-top">\n<i class="fas fa-share-alt" aria-hidden="true"></i>\n'
            '<div class="wpd-tooltip-content">\n'
            f'<a class="wc_tw" rel="noreferrer" target="_blank" href="https://twitter.com/intent/tweet?text=x&url=%23comment-{c["id"]}" title="Share On X"><i class="fab fa-twitter wpf-cta" aria-hidden="true"></i></a>'
            '<a class="wc_whatsapp" rel="noreferrer" target="_blank" href="https://web.whatsapp.com/send?text=x" title="Share On WhatsApp"><i class="fab fa-whatsapp wpf-cta" aria-hidden="true"></i></a>\n'
            '</div>\n</div>\n')


def link_html(p, c):
    return (f'<div class="wpd-comment-link wpd-hidden">\n<span wpd-tooltip="{esc(p.phr("wc_comment_link"))}" wpd-tooltip-position="left">'
            f'<i class="fas fa-link" aria-hidden="true" data-wpd-clipboard="https://example.com/post/#comment-{c["id"]}"></i></span>\n</div>\n')


def text_html(p, c, rng):
    b = c["body"]
    if c["pingback"]:
        return '<div class="wpd-comment-text">\n<p>[&#8230;] %s [&#8230;]</p>\n</div>\n' % esc(SENTENCES[p.lang][0])
    if b["kind"] == "image":
        # an image URL in the text becomes a linked <img alt='comment image'>; text comes first
        # (gold_from_html reads no alt text, so an image-only body would be gold "")
        return ('<div class="wpd-comment-text">\n<p>%s<br>\n<a href="https://i.imgur.com/abc%d.jpg" rel="nofollow ugc">'
                '<img alt="comment image" src="https://i.imgur.com/abc%d.jpg"></a></p>\n</div>\n' % (
                    esc(SENTENCES[p.lang][c["id"] % len(SENTENCES[p.lang])]), c["id"], c["id"]))
    parts = []
    for i, para in enumerate(b["paras"]):
        txt = esc(para)
        if b["br"] and ". " in para:
            txt = esc(para).replace(". ", ".<br>\n", 1)
        parts.append("<p>%s</p>" % txt)
    inner = "\n".join(parts)
    if p.readmore and len(" ".join(b["paras"])) > 120 and rng.random() < 0.5:
        # the walker cuts the text and appends the read-more widget
        inner = inner.rsplit("</p>", 1)[0] + ('<span class="wpdiscuz-hellip">&hellip;&nbsp;</span><span id="wpdiscuz-readmore-%d">'
                                             '<span class="wpdiscuz-readmore" title="%s">%s</span></span></p>') % (
            c["id"], esc(p.phr("wc_read_more")), esc(p.phr("wc_read_more")))
    return '<div class="wpd-comment-text">\n%s\n</div>\n' % inner


def edited_html(p, c):
    if not c["edited"]:
        return ""
    when = relative(p.now, c["time"] + (p.now - c["time"]) / 3, p.phr, p.rel_order)
    txt = p.phr("wc_last_edited").replace("%1$s", when).replace("%2$s", display_name(p, c))
    return '<div class="wpd-comment-last-edited"><i class="far fa-edit"></i>%s</div>\n' % esc(txt)


def footer_html(p, c):
    if p.vote_style == 1:
        up = max(c["votes"], 0)
        down = -max(-c["votes"], 0)
        votes = (f'<div class="wpd-vote-up wpd_not_clicked">\n{VOTE_UP_SVG}\n</div>\n<div class="wpd-vote-result wpd-up" title="{up}">{up}</div>\n'
                 f'<div class="wpd-vote-result-sep"></div>\n<div class="wpd-vote-result wpd-down" title="{down}">{down}</div>\n'
                 f'<div class="wpd-vote-down wpd_not_clicked">\n{VOTE_DOWN_SVG}\n</div>\n')
    else:
        votes = (f'<div class="wpd-vote-up wpd_not_clicked">\n{VOTE_UP_SVG}\n</div>\n<div class="wpd-vote-result" title="{c["votes"]}">{c["votes"]}</div>\n'
                 f'<div class="wpd-vote-down wpd_not_clicked">\n{VOTE_DOWN_SVG}\n</div>\n')
    toggle = ""
    if c["replies"]:
        toggle = f'<div class="wpd-toggle wpd-hidden wpd_not_clicked" wpd-tooltip="{esc(p.phr("wc_hide_replies_text"))}">\n<i class="fas fa-chevron-up"></i>\n</div>\n'
    return (f'<div class="wpd-comment-footer">\n<div class="wpd-vote">\n{votes}</div>\n'
            f'<div class="wpd-reply-button">\n{REPLY_SVG}\n<span>{esc(p.phr("wc_reply_text"))}</span>\n</div>\n'
            f'<div class="wpd-space"></div>\n{toggle}</div>\n')


def comment_html(p, c, rng):
    level = c["depth"]
    cls = "comment %s depth-%d wpd-comment%s wpd_comment_level-%d" % (
        "even" if c["id"] % 2 else "odd", level, " wpd-reply" if level > 1 else "", level)
    if c["pingback"]:
        cls = "pingback " + cls
    role_cls = {"post_author": "wpd-blog-user wpd-blog-post_author", "administrator": "wpd-blog-user wpd-blog-administrator",
                "editor": "wpd-blog-user wpd-blog-editor"}.get(c["role"], "wpd-blog-guest")
    pid = c["parent"]["id"] if c["parent"] else 0
    out = [f'<div id="wpd-comm-{c["id"]}_{pid}" class="{cls}">\n<div class="wpd-comment-wrap {role_cls}">\n']
    if p.layout == 1:
        out.append('<div class="wpd-comment-left ">\n' + avatar_html(p, c) + label_html(p, c) + '</div>\n')
        out.append(f'<div id="comment-{c["id"]}" class="wpd-comment-right">\n<div class="wpd-comment-header">\n')
        out.append(author_html(p, c) + date_html(p, c) + share_html(p, c) + '<div class="wpd-space"></div>\n' + link_html(p, c))
        out.append('</div>\n')
        out.append(reply_to_html(p, c))
    elif p.layout == 2:
        out.append(f'<div id="comment-{c["id"]}" class="wpd-comment-right">\n<div class="wpd-comment-header">\n')
        out.append(avatar_html(p, c))
        out.append('<div class="wpd-user-info">\n<div class="wpd-uinfo-top">\n' + author_html(p, c) + label_html(p, c)
                   + share_html(p, c) + '<div class="wpd-space"></div>\n</div>\n')
        out.append('<div class="wpd-uinfo-bottom">\n' + reply_to_html(p, c) + date_html(p, c) + '</div>\n</div>\n')
        out.append(link_html(p, c) + '</div>\n')
    else:
        out.append(f'<div id="comment-{c["id"]}" class="wpd-comment-right">\n<div class="wpd-comment-header">\n')
        out.append(avatar_html(p, c))
        out.append('<div class="wpd-user-info">\n<div class="wpd-uinfo-top">\n' + author_html(p, c) + label_html(p, c)
                   + share_html(p, c) + '<div class="wpd-space"></div>\n</div>\n')
        if c["parent"] is None:
            out.append('<div class="wpd-comment-subheader">\n' + date_html(p, c) + '</div>\n')
        else:
            # replies: `Reply to NAME` and the date in the same block
            out.append('<div class="wpd-comment-subheader">\n' + reply_to_html(p, c, "span") + date_html(p, c, "span") + '</div>\n')
        out.append('</div>\n' + link_html(p, c) + '</div>\n')
    out.append(text_html(p, c, rng))
    out.append(edited_html(p, c))
    out.append(footer_html(p, c))
    out.append('</div>\n</div>\n')
    out.append(f'<div id="wpdiscuz_form_anchor-{c["id"]}_{pid}"></div>\n')
    for r in c["replies"]:
        out.append(comment_html(p, r, rng))
    out.append('</div>\n')
    return "".join(out)


def count_text(n):
    if n >= 1000000:
        return "%gM" % round(n / 1000000, 1)
    if n >= 1000:
        return "%gK" % round(n / 1000, 1)
    return str(n)


def article_html(p, rng):
    s = SENTENCES[p.lang]
    paras = []
    for _ in range(rng.randrange(3, 7)):
        paras.append("<p>%s</p>" % esc(SEP[p.lang].join(rng.sample(s, rng.randrange(2, 5)))))
    if rng.random() < 0.4:
        paras.insert(2, "<h2>%s</h2>" % esc(s[rng.randrange(len(s))].rstrip(".!?。")))
    if rng.random() < 0.3:
        paras.insert(1, "<pre><code>sudo apt install -y cups\nsudo systemctl enable cups</code></pre>")
    if rng.random() < 0.3:
        paras.append("<ul><li>%s</li><li>%s</li></ul>" % (esc(s[1]), esc(s[2])))
    return "\n".join(paras)


def page_html(p, rng, tops, flat):
    phr = p.phr
    title = TITLES[p.lang]
    nav = "".join('<li class="menu-item"><a href="/%d/">%s</a></li>' % (i, esc(t)) for i, t in enumerate(LINK_TEXTS[p.lang]))
    posted = php_date(FORMATS[p.lang][0].split(" ")[0] if p.lang != "zh" else "Y年n月j日", p.now - dt.timedelta(days=1500), p.lang)
    total = len(flat)
    count = total
    if p.more:
        count = total + rng.choice([5, 17, 240, 1234])
    head_word = phr("header_text_single") if count == 1 else phr("header_text_plural")
    rating = rating_html(p, p.rating_avg, p.rating_count) if p.rating else ""
    sort = ""
    if p.show_sort:
        first, second = ("oldest", "newest") if p.comment_order == "asc" else ("newest", "oldest")
        sort = (f'<div class="wpd-filter wpdf-sorting">\n<span class="wpdiscuz-sort-button wpdiscuz-date-sort-{"asc" if first == "oldest" else "desc"} wpdiscuz-sort-button-active" data-sorting="{first}">{esc(phr("wc_" + first))}</span>\n'
                f'<i class="fas fa-sort-down"></i>\n<div class="wpdiscuz-sort-buttons">\n'
                f'<span class="wpdiscuz-sort-button" data-sorting="{second}">{esc(phr("wc_" + second))}</span>\n'
                f'<span class="wpdiscuz-sort-button wpdiscuz-vote-sort-up" data-sorting="by_vote">{esc(phr("wc_most_voted"))}</span>\n</div>\n</div>\n')
    info = ""
    if p.info_bar:
        info = (f'<div class="wpd-comment-info-bar">\n<div class="wpd-current-view">\n<i class="fas fa-quote-left"></i> {esc(phr("wc_inline_feedbacks"))} </div>\n'
                f'<div class="wpd-filter-view-all">{esc(phr("wc_inline_comments_view_all"))}</div>\n</div>\n')
    comments = "".join(comment_html(p, c, rng) for c in tops)
    more = ""
    if p.more:
        more = (f'<div class="wpd-load-more-submit-wrap">\n<button name="submit" data-lastparentid="{tops[-1]["id"]}" class="wpd-load-more-submit wpd-loaded wpd-prim-button">\n'
                f'{esc(phr("wc_load_more_submit_text"))} </button>\n</div>\n<span id="wpdiscuzHasMoreComments" data-is_show_load_more="1"></span>\n')
    if p.logged_in:
        auth = (f'<div class="wpd-auth">\n<div class="wpd-login">{esc(phr("wc_logged_in_as"))} <a href="/author/reader/">Reader</a> | '
                f'<a href="/wp-login.php?action=logout">{esc(phr("wc_log_out"))}</a></div>\n</div>\n')
    else:
        auth = (f'<div class="wpd-auth">\n<div class="wpd-login">\n<a rel="nofollow" href="/wp-login.php?redirect_to=%2F"><i class="fas fa-sign-in-alt"></i> '
                f'{esc(phr("wc_log_in"))}</a> </div>\n</div>\n')
    rating_in_article = rating if p.rating == "after" else ""
    rating_before_form = rating if p.rating == "before_comment_form" else ""
    recent = "".join('<li><a href="/p/%d/">%s</a></li>' % (i, esc(s.rstrip(".!?。"))) for i, s in enumerate(SENTENCES[p.lang][:4]))
    return f'''<!DOCTYPE html>
<html lang="{HTML_LANG[p.lang]}">
<head>
<meta charset="UTF-8">
<title>{esc(title)} &#8211; Example Blog</title>
<style>#wpdcom .wpd-comment-label{{color:#fff}}</style>
<script>var wpdiscuzAjaxObj = {{"wc_reply_button_text":"x"}};</script>
</head>
<body class="post-template-default single single-post">
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">Example Blog</a></p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{nav}</ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article id="post-172" class="post-172 post type-post status-publish">
<header class="entry-header">
<h1 class="entry-title">{esc(title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published">{esc(posted)}</time></span></div>
</header>
<div class="entry-content">
{article_html(p, rng)}
{rating_in_article}</div>
<footer class="entry-footer"><span class="cat-links"><a href="/category/diy/" rel="category tag">DIY</a>, <a href="/category/linux/" rel="category tag">Linux</a></span></footer>
</article>
<div class="wpdiscuz_top_clearing"></div>
<div id="comments" class="comments-area">
<div id="respond" style="width: 0;height: 0;clear: both;margin: 0;padding: 0;"></div>{rating_before_form}<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-{p.layout} wpd-comments-open">
<div class="wc_social_plugin_wrapper">
</div>
<div class="wpd-form-wrap">
<div class="wpd-form-head">
<div class="wpd-sbs-toggle">
<i class="far fa-envelope"></i> <span class="wpd-sbs-title">{esc(phr("wc_subscribe_anchor"))}</span>
<i class="fas fa-caret-down"></i>
</div>
{auth}</div>
<div class="wpdiscuz-subscribe-bar wpdiscuz-hidden">
<form action="/wp-admin/admin-ajax.php?action=wpdAddSubscription" method="post" id="wpdiscuz-subscribe-form">
<div class="wpdiscuz-subscribe-form-intro">{esc(phr("wc_notify_of"))} </div>
<div class="wpdiscuz-subscribe-form-option" style="width:40%;">
<select class="wpdiscuz_select" name="wpdiscuzSubscriptionType">
<option value="post">{esc(phr("wc_notify_on_new_comment"))}</option>
<option value="all_comment">{esc(phr("wc_notify_on_all_new_reply"))}</option>
</select>
</div>
<div class="wpdiscuz-item wpdiscuz-subscribe-form-email">
<input class="email" type="email" name="wpdiscuzSubscriptionEmail" required="required" value placeholder="{esc(phr("wc_email_text"))}">
</div>
<div class="wpdiscuz-subscribe-form-button">
<input id="wpdiscuz_subscription_button" class="wpd-prim-button wpd_not_clicked" type="submit" value="&rsaquo;" name="wpdiscuz_subscription_button">
</div>
</form>
</div>
<div class="wpd-form wpd-form-wrapper wpd-main-form-wrapper" id="wpd-main-form-wrapper-0_0">
{form_html(phr, "0_0")}
</div>
<div id="wpdiscuz_hidden_secondary_form" style="display: none;">
<div class="wpd-form wpd-form-wrapper wpd-secondary-form-wrapper" id="wpd-secondary-form-wrapper-wpdiscuzuniqueid" style="display: none;">
<div class="wpd-secondary-forms-social-content"></div>
<div class="clearfix"></div>
{form_html(phr, "wpdiscuzuniqueid")}
</div>
</div>
</div>
<div id="wpd-threads" class="wpd-thread-wrapper">
<div class="wpd-thread-head">
<div class="wpd-thread-info " data-comments-count="{count}">
<span class="wpdtc" title="{count}">{count_text(count)}</span> {esc(head_word)} </div>
<div class="wpd-space"></div>
<div class="wpd-thread-filter">
<div class="wpd-filter wpdf-reacted wpd_not_clicked" wpd-tooltip="{esc(phr("wc_most_reacted_comment"))}">
<i class="fas fa-bolt"></i>
</div>
<div class="wpd-filter wpdf-hottest wpd_not_clicked" wpd-tooltip="{esc(phr("wc_hottest_comment_thread"))}">
<i class="fas fa-fire"></i>
</div>
{sort}</div>
</div>
{info}<div class="wpd-thread-list">
{comments}<div class="wpdiscuz-comment-pagination">
{more}</div>
</div>
</div>
</div>
<div id="wpdiscuz-loading-bar" class="wpdiscuz-loading-bar-unauth"></div>
<div id="wpdiscuz-comment-message" class="wpdiscuz-comment-message-unauth"></div>
</div>
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_recent_entries"><h2 class="widget-title">{esc(LINK_TEXTS[p.lang][1])}</h2><ul>{recent}</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Example Blog. Powered by <a href="https://wordpress.org/">WordPress</a></div></footer>
<div id="wpdiscuz-emoji-modal" style="display:none"><span>wpDiscuz</span></div>
<div id="wpd-editor-source-code-wrapper-bg"></div><div id="wpd-editor-source-code-wrapper"><textarea id="wpd-editor-source-code"></textarea><button id="wpd-insert-source-code">Insert</button><input type="hidden" id="wpd-editor-uid"></div>
</body>
</html>
'''


def fix_gold(gold, html_text):
    """gold_from_html reads `1.2K` as 1.2; the header means 1200."""
    import re
    m = re.search(r'<span class="wpdtc" title="(\d+)">([\d.]+)([KM])</span>', html_text)
    if m:
        gold["comment_count_header"] = int(float(m.group(2)) * (1000 if m.group(3) == "K" else 1000000))
    return gold


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/synth")
    a = ap.parse_args(argv)
    bundled = load_phrases("phrases.tsv")
    packs = load_phrases("phrases-packs.tsv")
    gfh = load_module("gold_from_html", os.path.join(DEVHTML, "gold_from_html.py"))
    dumps = load_module("make_dumps", os.path.join(DEVHTML, "make_dumps.py"))
    for d in ["raw", "gold"] + list(dumps.CONVERTERS):
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    summary = ["nn\tlang\tpack\tlayout\tdates\tformat\trating\tcomments\treplies\tmaxdepth\tmore"]
    for k in range(a.n):
        nn = "%02d" % k
        rng = random.Random("%d-%d" % (a.seed, k))
        p = make_page(rng, nn, bundled, packs)
        tops, flat = gen_thread(rng, p)
        text = page_html(p, rng, tops, flat)
        path = os.path.join(a.out, "raw", nn + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        gold = fix_gold(gfh.gold_for(text.encode("utf-8")), text)
        gold["_meta"]["synth"] = {"lang": p.lang, "pack": p.use_pack, "layout": p.layout, "dates": p.date_mode,
                                  "format": p.date_fmt if p.date_mode == "absolute" else p.rel_order}
        gpath = os.path.join(a.out, "gold", nn + ".gold.json")
        with open(gpath, "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
            f.write("\n")
        for conv, fn in dumps.CONVERTERS.items():
            out = fn(path, text)
            with open(os.path.join(a.out, conv, nn + ".txt"), "w", encoding="utf-8") as f:
                f.write(out)
            with open(os.path.join(a.out, conv, nn + ".gold.json"), "w", encoding="utf-8") as f:
                json.dump(gold, f, ensure_ascii=False, indent=1)
                f.write("\n")
        summary.append("\t".join(str(x) for x in [
            nn, p.lang, int(p.use_pack), p.layout, p.date_mode, p.date_fmt if p.date_mode == "absolute" else p.rel_order,
            p.rating or "-", len(flat), sum(1 for c in flat if c["depth"] > 1), max(c["depth"] for c in flat), int(p.more)]))
    with open(os.path.join(a.out, "pages.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(summary) + "\n")
    print("wrote %d pages to %s" % (a.n, a.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
