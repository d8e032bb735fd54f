#!/usr/bin/env python3
"""Generates the 1,000-lesson benchmark corpus (issue 9) twice: as an hvwalk content folder and as
a Hugo site with equivalent pages (the same Markdown, a layout with a sidebar listing every
lesson, previous/next links and a language switch), so both tools do comparable work.

Usage: make-corpus.py OUT_DIR [LESSONS]   (default 1000 lessons per language... split over vi/en)
Deterministic: the same arguments always produce the same files."""
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORDS = ("hypervisor partition root child vmbus channel ring buffer packet interrupt signal "
         "intercept worker process kernel user mode device emulated synthetic storage driver "
         "guest host memory processor virtual message offer gpadl heartbeat shutdown").split()
VI = ("máy ảo phân vùng cha con ngăn xếp ảo hóa bộ đệm vòng ngắt tín hiệu tiến trình thiết bị "
      "giả lập trình điều khiển lưu trữ khách chủ bộ nhớ thông điệp").split()


def paragraph(rng, words, count):
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def lesson_body(rng, index, total, words):
    parts = []
    for section in range(3):
        parts.append(f"## Section {section + 1} of lesson {index}")
        parts.append(paragraph(rng, words, 45))
        parts.append("\n".join(f"- **{rng.choice(words)}** {paragraph(rng, words, 8)}" for _ in range(3)))
        other = (index + section * 7) % total
        parts.append(f"See [lesson {other}](lesson-{other:04d}.md) and the `{rng.choice(words)}` field.")
        parts.append("```powershell\nGet-VM -Name WEB01 | Get-VMIntegrationService\n```")
    return "\n\n".join(parts) + "\n"


def main():
    out = os.path.abspath(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    per_language = total // 2
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "hvwalk-content")
    hugo = os.path.join(out, "hugo-site")
    shutil.copytree(os.path.join(ROOT, "Content", "theme"), os.path.join(content, "theme"))
    shutil.copytree(os.path.join(ROOT, "Content", "strings"), os.path.join(content, "strings"))
    shutil.copy(os.path.join(ROOT, "Content", "site.yaml"), content)
    for language, words in (("vi", VI + WORDS), ("en", WORDS)):
        rng = random.Random(f"corpus-{language}")
        os.makedirs(os.path.join(content, "lessons", language))
        os.makedirs(os.path.join(hugo, "content", language))
        for index in range(per_language):
            body = lesson_body(rng, index, per_language, words)
            title = f"Lesson {index}: {paragraph(rng, words, 3)[:-1]}"
            summary = paragraph(rng, words, 12)
            with open(os.path.join(content, "lessons", language, f"lesson-{index:04d}.md"), "w") as f:
                f.write(f"---\ntitle: \"{title}\"\norder: {index + 1}\nsummary: {summary}\n---\n\n{body}")
            hugo_body = body.replace(".md)", "/)").replace("(lesson-", "(../lesson-")
            with open(os.path.join(hugo, "content", language, f"lesson-{index:04d}.md"), "w") as f:
                f.write(f"---\ntitle: \"{title}\"\nweight: {index + 1}\nsummary: \"{summary}\"\n---\n\n{hugo_body}")
    write_hugo_config(hugo)


def write_hugo_config(hugo):
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                'relativeURLs = true\ndefaultContentLanguage = "vi"\ndefaultContentLanguageInSubdir = true\n'
                '[languages.vi]\ncontentDir = "content/vi"\nweight = 1\n'
                '[languages.en]\ncontentDir = "content/en"\nweight = 2\n')
    layouts = os.path.join(hugo, "layouts", "_default")
    os.makedirs(layouts)
    with open(os.path.join(layouts, "baseof.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">'
                '<title>{{ .Title }}</title><meta name="description" content="{{ .Summary }}">'
                '<link rel="stylesheet" href="/style.css"></head><body>'
                '<nav class="language-switch">{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}</nav>'
                '<nav class="sidebar"><ol>{{ $current := . }}{{ range .Site.RegularPages.ByWeight }}'
                '<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>'
                '{{ end }}</ol></nav><main>{{ block "main" . }}{{ end }}</main></body></html>')
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write('{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}</article>'
                '<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                '{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}')
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write('{{ define "main" }}<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}')


if __name__ == "__main__":
    main()
