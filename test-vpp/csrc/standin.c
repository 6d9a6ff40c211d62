/*
 * Variadic entry points of the in-process vlib stand-in (stable Rust cannot
 * define C-variadic functions). They implement just enough of vppinfra's
 * `format`, `_clib_error_return` and vlib's `vlib_cli_output` for the
 * framework's own calls, which always use "%s" with one string argument.
 *
 * Vectors mimic vppinfra's layout: an 8-byte header whose first u32 is the
 * length, with the data pointer just after it.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  uint32_t len;
  uint32_t cap;
} standin_vec_hdr_t;

static uint8_t *
vec_append (uint8_t *v, const char *s, size_t n)
{
  standin_vec_hdr_t *h = v ? (standin_vec_hdr_t *) (v - 8) : 0;
  size_t len = h ? h->len : 0, cap = h ? h->cap : 0;
  if (len + n + 1 > cap)
    {
      size_t ncap = (len + n + 1) * 2;
      h = realloc (h, sizeof (*h) + ncap);
      if (!h)
	abort ();
      h->cap = (uint32_t) ncap;
      h->len = (uint32_t) len;
    }
  memcpy ((uint8_t *) (h + 1) + len, s, n);
  h->len = (uint32_t) (len + n);
  ((uint8_t *) (h + 1))[h->len] = 0; /* convenience terminator, not counted */
  return (uint8_t *) (h + 1);
}

static uint8_t *
vformat_append (uint8_t *s, const char *fmt, va_list ap)
{
  char buf[4096];
  int n = vsnprintf (buf, sizeof (buf), fmt, ap);
  if (n < 0)
    return s;
  if ((size_t) n >= sizeof (buf))
    n = sizeof (buf) - 1;
  return vec_append (s, buf, (size_t) n);
}

uint8_t *
format (uint8_t *s, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  s = vformat_append (s, fmt, ap);
  va_end (ap);
  return s;
}

void
standin_vec_free (uint8_t *v)
{
  if (v)
    free (v - 8);
}

/* Errors: a vector holding the message. */
void *
_clib_error_return (void *errors, uintptr_t code, uintptr_t flags,
		    const char *where, const char *fmt, ...)
{
  va_list ap;
  uint8_t *s = 0;
  (void) errors;
  (void) code;
  (void) flags;
  if (where)
    {
      s = vec_append (s, where, strlen (where));
      s = vec_append (s, ": ", 2);
    }
  va_start (ap, fmt);
  s = vformat_append (s, fmt, ap);
  va_end (ap);
  return s;
}

/* CLI output: lines accumulate in one vector the harness drains. */
static uint8_t *standin_cli_output;

void
vlib_cli_output (void *vm, const char *fmt, ...)
{
  va_list ap;
  (void) vm;
  va_start (ap, fmt);
  standin_cli_output = vformat_append (standin_cli_output, fmt, ap);
  va_end (ap);
  standin_cli_output = vec_append (standin_cli_output, "\n", 1);
}

uint8_t *
standin_take_cli_output (void)
{
  uint8_t *v = standin_cli_output;
  standin_cli_output = 0;
  return v;
}

/* VPP internals that vpp-rs's process shim references when it is built
 * against VPP headers. Process nodes never run in the stand-in, so these
 * only satisfy the linker; reaching one is a harness bug. Weak, so a real
 * definition wins. */
/* The API main pointer (thread-local in libvlibapi): none in the stand-in,
 * so vpp-rs skips publishing JSON. */
__attribute__ ((weak)) __thread void *my_api_main;

#define STANDIN_UNREACHABLE(name)                                             \
  __attribute__ ((weak)) void name (void)                                     \
  {                                                                           \
    fprintf (stderr, "vlib stand-in: %s is not available\n", #name);        \
    abort ();                                                                 \
  }
STANDIN_UNREACHABLE (_clib_error)
STANDIN_UNREACHABLE (_hash_get)
STANDIN_UNREACHABLE (_hash_set3)
STANDIN_UNREACHABLE (_vec_alloc_internal)
STANDIN_UNREACHABLE (_vec_realloc_internal)
STANDIN_UNREACHABLE (_vec_resize_internal)
STANDIN_UNREACHABLE (clib_longjmp)
STANDIN_UNREACHABLE (clib_setjmp)
STANDIN_UNREACHABLE (clib_mem_heap_free)
STANDIN_UNREACHABLE (clib_time_verify_frequency)
STANDIN_UNREACHABLE (os_out_of_memory)
STANDIN_UNREACHABLE (tw_timer_handle_is_free_1t_3w_1024sl_ov)
STANDIN_UNREACHABLE (tw_timer_stop_1t_3w_1024sl_ov)

/* Logging: class ids count up from 1; the last line logged is kept for
 * tests (standin_last_log). */
static uint32_t standin_n_log_classes;
static uint8_t *standin_last_log_vec;

uint32_t
vlib_log_register_class (char *class, char *subclass)
{
  (void) class;
  (void) subclass;
  return ++standin_n_log_classes;
}

void
vlib_log (uint32_t level, uint32_t class, char *fmt, ...)
{
  va_list ap;
  uint8_t *s = 0;
  (void) level;
  (void) class;
  va_start (ap, fmt);
  s = vformat_append (s, fmt, ap);
  va_end (ap);
  standin_last_log_vec = s;
}

const uint8_t *
standin_last_log (void)
{
  return standin_last_log_vec;
}
