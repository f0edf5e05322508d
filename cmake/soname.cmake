# The SONAME of a shared library (libzip.so → libzip.so.4), read from the file with objdump: the
# name the library opens at run time (system/loaded_library.hpp) is the one it was built against.
function(pingfen_soname library out)
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${library} OUTPUT_VARIABLE dump RESULT_VARIABLE rc ERROR_QUIET)
  string(REGEX MATCH "SONAME[ \t]+([^ \t\r\n]+)" found "${dump}")
  if(NOT rc EQUAL 0 OR NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "cannot read the SONAME of ${library} with ${CMAKE_OBJDUMP}")
  endif()
  set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()
