package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

@JsonRootName("credentialsVo")
public record CredentialsVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "credentialVo")
        List<CredentialVo> credentialVo) {}
