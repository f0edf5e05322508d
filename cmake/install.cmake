# cmake --install: the library, the public header, the pingfen and pingfen-serve programs, and a CMake package so
# that a host's find_package(pingfen) works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS pingfen EXPORT pingfenTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS pingfen_cli pingfen_serve_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/pingfen/pingfen.hpp include/pingfen/decimal.hpp include/pingfen/testing.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pingfen)
install(EXPORT pingfenTargets NAMESPACE pingfen:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pingfen)

configure_package_config_file(cmake/pingfenConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/pingfenConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pingfen)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/pingfenConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/pingfenConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/pingfenConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pingfen)
