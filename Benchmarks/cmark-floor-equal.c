/* The equal-output floor (issue 18): cmark alone, in one process, writing the same pages hvwalk
 * writes. For every lesson it reads the Markdown, drops the front matter, renders the body with
 * cmark (safe mode, as hvwalk), and writes it between the bytes hvwalk puts around that lesson
 * (its header, sidebar, table of contents, pager and footer), which bench.py cut out of hvwalk's
 * own page into FRAMES/<lang>/<slug>.prefix and .suffix. "hvwalk ÷ this floor" is then hvwalk's
 * overhead over rendering and writing the very bytes it writes, not the size of its pages. */
#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *size) {
  FILE *file = fopen(path, "rb");
  if (!file) { perror(path); return NULL; }
  fseek(file, 0, SEEK_END);
  long length = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *text = malloc((size_t)length + 1);
  if (fread(text, 1, (size_t)length, file) != (size_t)length) { fclose(file); free(text); return NULL; }
  fclose(file);
  text[length] = 0;
  *size = (size_t)length;
  return text;
}

/* The Markdown after a leading front-matter block (--- … ---). */
static const char *body_of(const char *text, size_t *size) {
  if (strncmp(text, "---\n", 4) != 0) return text;
  const char *end = strstr(text + 4, "\n---\n");
  if (!end) return text;
  const char *body = end + 5;
  *size -= (size_t)(body - text);
  return body;
}

static int render_folder(const char *in, const char *frames, const char *out) {
  DIR *dir = opendir(in);
  if (!dir) { perror(in); return 1; }
  mkdir(out, 0755);
  struct dirent *entry;
  int count = 0;
  while ((entry = readdir(dir))) {
    size_t length = strlen(entry->d_name);
    if (length < 4 || strcmp(entry->d_name + length - 3, ".md") != 0) continue;
    int stem = (int)(length - 3);
    char path[4096], prefix_path[4096], suffix_path[4096], target[4096];
    snprintf(path, sizeof path, "%s/%s", in, entry->d_name);
    snprintf(prefix_path, sizeof prefix_path, "%s/%.*s.prefix", frames, stem, entry->d_name);
    snprintf(suffix_path, sizeof suffix_path, "%s/%.*s.suffix", frames, stem, entry->d_name);
    snprintf(target, sizeof target, "%s/%.*s.html", out, stem, entry->d_name);
    size_t size = 0, prefix_size = 0, suffix_size = 0;
    char *text = slurp(path, &size);
    char *prefix = slurp(prefix_path, &prefix_size);
    char *suffix = slurp(suffix_path, &suffix_size);
    if (!text || !prefix || !suffix) return 1;
    const char *body = body_of(text, &size);
    char *html = cmark_markdown_to_html(body, size, CMARK_OPT_DEFAULT);
    FILE *output = fopen(target, "wb");
    if (!output) { perror(target); return 1; }
    fwrite(prefix, 1, prefix_size, output);
    fputs(html, output);
    fwrite(suffix, 1, suffix_size, output);
    fclose(output);
    free(html);
    free(text);
    free(prefix);
    free(suffix);
    count++;
  }
  closedir(dir);
  return count > 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: cmark-floor-equal LESSONS_DIR FRAMES_DIR OUT_DIR\n"); return 2; }
  char in[4096], frames[4096], out[4096];
  mkdir(argv[3], 0755);
  const char *languages[] = {"vi", "en"};
  for (int i = 0; i < 2; i++) {
    snprintf(in, sizeof in, "%s/%s", argv[1], languages[i]);
    snprintf(frames, sizeof frames, "%s/%s", argv[2], languages[i]);
    snprintf(out, sizeof out, "%s/%s", argv[3], languages[i]);
    if (render_folder(in, frames, out)) return 1;
  }
  return 0;
}
