BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'TLS: verified by default, a CA bundle works, skipping the check works and warns' {
    BeforeAll {
        # A CA made here, a server certificate for 127.0.0.1 that it signs, and another CA that signs nothing we serve.
        function New-TestCertificate {
            param([string] $Name, [System.Security.Cryptography.X509Certificates.X509Certificate2] $Issuer, [string] $DnsName, [double] $ExpiresInHours = 20)
            $key = [System.Security.Cryptography.RSA]::Create(2048)
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$Name", $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $extensions = $request.CertificateExtensions
            $now = [DateTimeOffset]::UtcNow
            if (-not $Issuer) {
                $extensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
                $extensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
                return $request.CreateSelfSigned($now.AddDays(-2), $now.AddDays(1))
            }
            $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
            if ($DnsName) { $san.AddDnsName($DnsName) } else { $san.AddIpAddress([System.Net.IPAddress]::Loopback) }
            $extensions.Add($san.Build())
            $usages = [System.Security.Cryptography.OidCollection]::new(); $null = $usages.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
            $extensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($usages, $false))
            $serial = [byte[]](1..16 | ForEach-Object { Get-Random -Maximum 256 }); $serial[0] = 1
            [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($request.Create($Issuer, $now.AddHours([Math]::Min(-1, $ExpiresInHours - 24)), $now.AddHours($ExpiresInHours), $serial), $key)
        }
        function Save-Pem([System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate, [string] $Path) {
            Set-Content $Path ("-----BEGIN CERTIFICATE-----`n" + [Convert]::ToBase64String($Certificate.RawData, 'InsertLineBreaks') + "`n-----END CERTIFICATE-----`n")
        }
        $authority = New-TestCertificate 'OpenStackVpn test CA'
        $serverCertificate = New-TestCertificate '127.0.0.1' -Issuer $authority
        $caFile = Join-Path $TestDrive 'test-ca.pem'
        $otherCaFile = Join-Path $TestDrive 'other-ca.pem'
        Save-Pem $authority $caFile
        Save-Pem (New-TestCertificate 'Some other CA') $otherCaFile

        $server = Start-EmbeddedOpenStack -Certificate $serverCertificate
        $authUrl = $server.AuthUrl.ToString()
        $connect = @{ AuthUrl = $authUrl; Credential = $server.Credential; ProjectName = 'admin' }
        $connectionId = $server.Seed.ConnectionId
        function Write-Clouds([string] $Extra) {
            $file = Join-Path $TestDrive "clouds-$([guid]::NewGuid()).yaml"
            Set-Content $file "clouds:`n  tls:`n    auth:`n      auth_url: $authUrl`n      username: admin`n      password: adminpass`n      project_name: admin`n    $Extra`n"
            $file
        }
    }

    AfterAll {
        $server | Stop-EmbeddedOpenStack
    }

    It 'serves HTTPS on loopback, with the certificate it was given' {
        # From the wire: where the socket is bound, and the certificate a TLS handshake to it is shown.
        $port = $server.AuthUrl.Port
        $bound = @([System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().GetActiveTcpListeners() | Where-Object Port -eq $port)
        $bound.Count | Should -BeGreaterThan 0
        $bound | ForEach-Object { $_.Address.ToString() | Should -Be '127.0.0.1' }
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port)
        try {
            $tls = [System.Net.Security.SslStream]::new($client.GetStream(), $false, { $true })
            $tls.AuthenticateAsClient('127.0.0.1')
            $tls.RemoteCertificate.GetCertHashString() | Should -Be $serverCertificate.Thumbprint
        }
        finally { $client.Dispose() }
    }

    It 'refuses a certificate from an unknown CA by default, saying how to trust it' {
        $record = Get-ErrorRecord { Connect-OpenStack @connect }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.Exception.Message | Should -BeLike '*TLS certificate is not trusted*-CACertificatePath*'
    }

    It 'trusts the CA given with -CACertificatePath, for Keystone and for Neutron' {
        $session = Connect-OpenStack @connect -CACertificatePath $caFile
        $session.NetworkEndpoint.Scheme | Should -Be 'https'
        (Get-IpsecSiteConnection -Id $connectionId -Session $session).Id | Should -Be $connectionId
    }

    It 'trusts the CA named by OS_CACERT' {
        $env:OS_CACERT = $caFile
        try { $session = Connect-OpenStack @connect } finally { Remove-Item Env:OS_CACERT }
        (Get-IpsecSiteConnection -Id $connectionId -Session $session).Id | Should -Be $connectionId
    }

    It 'trusts the CA named by cacert in clouds.yaml' {
        $env:OS_CLIENT_CONFIG_FILE = Write-Clouds "cacert: $caFile"
        try { $session = Connect-OpenStack -Cloud tls } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        (Get-IpsecSiteConnection -Id $connectionId -Session $session).Id | Should -Be $connectionId
    }

    It 'does not trust a certificate signed by another CA' {
        $record = Get-ErrorRecord { Connect-OpenStack @connect -CACertificatePath $otherCaFile }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'names a CA bundle that cannot be read' {
        $record = Get-ErrorRecord { Connect-OpenStack @connect -CACertificatePath (Join-Path $TestDrive 'missing.pem') }
        $record.Exception.Message | Should -BeLike "The CA bundle '*missing.pem' cannot be read*"
    }

    It 'skips verification with -SkipCertificateCheck, and warns once' {
        $all = Invoke-Captured { Connect-OpenStack @connect -SkipCertificateCheck }
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        $session = $all | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }
        (Get-IpsecSiteConnection -Id $connectionId -Session $session).Id | Should -Be $connectionId
    }

    It 'skips verification with verify: false in clouds.yaml, and warns once' {
        $env:OS_CLIENT_CONFIG_FILE = Write-Clouds 'verify: false'
        try { $all = Invoke-Captured { Connect-OpenStack -Cloud tls } } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        @($all | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }).Count | Should -Be 1
    }

    It 'refuses a certificate for another name, even from the trusted CA' {
        $other = Start-EmbeddedOpenStack -Certificate (New-TestCertificate 'other.test' -Issuer $authority -DnsName 'other.test')
        try { $record = Get-ErrorRecord { Connect-OpenStack -AuthUrl $other.AuthUrl.ToString() -Credential $other.Credential -ProjectName admin -CACertificatePath $caFile } }
        finally { $other | Stop-EmbeddedOpenStack }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.Exception.Message | Should -BeLike "*TLS certificate is not trusted: it is not issued for the host name '127.0.0.1'*"
        $record.Exception.Message | Should -Not -BeLike '*expired*'
    }

    It 'refuses an expired certificate, even from the trusted CA' {
        $other = Start-EmbeddedOpenStack -Certificate (New-TestCertificate '127.0.0.1' -Issuer $authority -ExpiresInHours -1)
        try { $record = Get-ErrorRecord { Connect-OpenStack -AuthUrl $other.AuthUrl.ToString() -Credential $other.Credential -ProjectName admin -CACertificatePath $caFile } }
        finally { $other | Stop-EmbeddedOpenStack }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.Exception.Message | Should -BeLike '*TLS certificate is not trusted: it expired on *'
    }

    It 'OS_INSECURE=<Insecure>: verification skipped (with one warning) only when true' -ForEach @(@{ Insecure = 'true' }, @{ Insecure = 'false' }) {
        $openrc = @{ OS_AUTH_URL = $authUrl; OS_USERNAME = 'admin'; OS_PASSWORD = 'adminpass'; OS_PROJECT_NAME = 'admin'; OS_USER_DOMAIN_NAME = 'Default'; OS_PROJECT_DOMAIN_NAME = 'Default'; OS_INSECURE = $Insecure }
        $saved = @(Get-ChildItem Env: | Where-Object Name -like 'OS_*')
        $saved | ForEach-Object { Remove-Item "Env:$($_.Name)" }
        $openrc.GetEnumerator() | ForEach-Object { Set-Item "Env:$($_.Key)" $_.Value }
        try { $all = Invoke-Captured { Connect-OpenStack } }
        finally {
            Get-ChildItem Env: | Where-Object Name -like 'OS_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
        $session = $all | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }
        if ($Insecure -eq 'true') {
            @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
            (Get-IpsecSiteConnection -Id $connectionId -Session $session).Id | Should -Be $connectionId
        }
        else {
            $session | Should -BeNullOrEmpty
            ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).CategoryInfo.Category | Should -Be 'SecurityError'
        }
    }
}
