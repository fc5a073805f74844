#include <zmq.h>
#include <sys/eventfd.h>
#include <time.h>
